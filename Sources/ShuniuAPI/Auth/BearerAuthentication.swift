import Hummingbird

/// Reads `Authorization: Bearer <key>` and puts the key's department (or, for an ops key, its
/// id as ``APIContext/opsKey``) into the context.
/// No header leaves the context anonymous (routes that need a key answer 401 themselves);
/// a header with an unknown, revoked or malformed key is a 401 at once. The key never
/// reaches a log.
struct BearerAuthentication: RouterMiddleware {
    let keys: KeyRing

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        guard header.hasPrefix("Bearer "), let caller = keys.caller(bearer: header.dropFirst(7)) else {
            throw APIError.unauthorized("the API key is unknown or revoked, or the header is not `Authorization: Bearer <key>`")
        }
        var context = context
        switch caller {
        case .department(let department, let keyID):
            context.department = department
            context.departmentKey = keyID
        case .ops(let keyID): context.opsKey = keyID
        case .citizen:
            throw APIError.forbidden("a citizen token signs in to the portal's data use record (/portal/me), not to the API; departments use their API key")
        }
        return try await next(request, context)
    }
}
