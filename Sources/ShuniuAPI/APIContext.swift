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

    /// The caller's department; a 401 when the request carried no valid key.
    func requireDepartment() throws(APIError) -> String {
        guard let department else {
            throw APIError.unauthorized("this route needs an API key: send Authorization: Bearer <key> (`shuniu keys issue --department <id>` issues one)")
        }
        return department
    }
}
