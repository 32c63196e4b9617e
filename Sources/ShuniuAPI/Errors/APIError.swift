import Hummingbird
import NIOCore
import ShuniuModel

/// An error answer of the API: an HTTP status, a stable machine-readable code and a message
/// that says what to do. The body is always `{"error": {"code": "...", "message": "..."}}`.
public struct APIError: HTTPResponseError, Sendable, CustomStringConvertible {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// The stable code (kebab-case), listed in docs/api.md.
    public let code: String
    /// What is wrong and how to fix it. Never contains a key or a masked value.
    public let message: String
    /// Seconds for a `Retry-After` header (429 `rate-limited`), if any.
    public var retryAfter: Int?

    /// An error with its status, code and message.
    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    /// The JSON body.
    public var body: [UInt8] {
        let inner = Row(distinctFields: [.init(name: "code", value: .string(code)),
                                         .init(name: "message", value: .string(message))])
        var writer = JSONObjectWriter()
        writer.member("error", json: inner.serialized())
        return writer.finish()
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"shuniu\"" }
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension APIError {
    /// 401 `unauthorized`.
    static func unauthorized(_ message: String) -> APIError { APIError(.unauthorized, "unauthorized", message) }
    /// 403 `forbidden`.
    static func forbidden(_ message: String) -> APIError { APIError(.forbidden, "forbidden", message) }
    /// 404 `not-found`.
    static func notFound(_ message: String) -> APIError { APIError(.notFound, "not-found", message) }
    /// 400 `bad-request`.
    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, "bad-request", message) }
    /// 429 `rate-limited`, with `Retry-After`.
    static func rateLimited(retryAfter: Int) -> APIError {
        APIError(.tooManyRequests, "rate-limited",
                 "too many keyless look-ups from this address; retry after \(retryAfter) s, or ask with a department's API key",
                 retryAfter: retryAfter)
    }
    /// 503 `unavailable`.
    static func unavailable(_ message: String) -> APIError { APIError(.serviceUnavailable, "unavailable", message) }

    /// 400 for an identifier that fails validation: the code names the identifier's problem
    /// (`bad-check-character`, `wrong-length`, ...), the message the position and the fix.
    static func badIdentifier(_ what: String, _ text: String, _ error: IdentifierError) -> APIError {
        APIError(.badRequest, error.code.rawValue, "\(what) \(text.prefix(40)) is not valid: \(error.message)")
    }
}
