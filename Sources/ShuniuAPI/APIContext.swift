import Hummingbird
import NIOCore

/// The request context of the API: the authenticated department, if any, the client's
/// address (for the keyless rate limit) and the request body limit.
public struct APIContext: RequestContext, RemoteAddressRequestContext {
    /// Largest request body accepted (bigger: 413 `body-too-large`).
    public static let bodyLimit = 64 * 1024

    public var coreContext: CoreRequestContextStorage
    /// The department the request's API key belongs to; nil without a key.
    public var department: String?
    /// The id of the department's API key (the hub names it when it signs for the department).
    public var departmentKey: String?
    /// The id of the request's ops key (``APIKeyRole/ops``); nil without one. An ops key is
    /// never a department: ``department`` stays nil.
    public var opsKey: String?
    /// The peer's address (the connection's, not a forwarded header: behind a proxy every
    /// client shares the proxy's).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's address without the port, the key of its rate-limit bucket.
    var clientAddress: String { remoteAddress?.ipAddress ?? remoteAddress?.pathname ?? "unknown" }

    public var maxUploadSize: Int { Self.bodyLimit }

    /// The caller's department; a 401 when the request carried no valid key, a 403 for an ops key.
    func requireDepartment() throws(APIError) -> String {
        if opsKey != nil {
            throw APIError.forbidden("an ops key reads only /v1/stats and the detail of /healthz; a department's routes need that department's key")
        }
        guard let department else {
            throw APIError.unauthorized("this route needs an API key: send Authorization: Bearer <key> (`shuniu keys issue --department <id>` issues one)")
        }
        return department
    }
}

extension APIContext {
    /// Passes for an ops key; a 401 without a key, a 403 for a department's key.
    func requireOps() throws(APIError) {
        guard opsKey == nil else { return }
        if department != nil {
            throw APIError.forbidden("this route needs an ops key, not a department's: `shuniu keys issue --ops` issues one")
        }
        throw APIError.unauthorized("this route needs an ops key: send Authorization: Bearer <key> (`shuniu keys issue --ops` issues one)")
    }
}
