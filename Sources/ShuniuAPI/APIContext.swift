import Hummingbird

/// The request context of the API: the authenticated department, if any, and the request
/// body limit.
public struct APIContext: RequestContext {
    /// Largest request body accepted (bigger: 413 `body-too-large`).
    public static let bodyLimit = 64 * 1024

    public var coreContext: CoreRequestContextStorage
    /// The department the request's API key belongs to; nil without a key.
    public var department: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    public var maxUploadSize: Int { Self.bodyLimit }

    /// The caller's department; a 401 when the request carried no valid key.
    func requireDepartment() throws(APIError) -> String {
        guard let department else {
            throw APIError.unauthorized("this route needs an API key: send Authorization: Bearer <key> (`shuniu keys issue --department <id>` issues one)")
        }
        return department
    }
}
