import Hummingbird

/// Answers 405 `method-not-allowed`, with an `Allow` header listing the path's methods and the
/// JSON error body, for a path the API has under another method (Hummingbird's router answers
/// those 404 like a path it does not have). Added after every route, so it wraps only the
/// router's not-found answer.
struct MethodNotAllowed<Context: RequestContext>: RouterMiddleware {
    /// Each route's method and path segments (`{name}` or `:name` segments match any one segment).
    let routes: [(method: HTTPRequest.Method, segments: [Substring])]

    /// The routes as `router.routes` lists them.
    init(routes: [(method: HTTPRequest.Method, path: String)]) {
        self.routes = routes.map { ($0.method, Self.segments($0.path)) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = allowedMethods(path: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method) else { throw error }
            let methods = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            var response = try APIError(.methodNotAllowed, "method-not-allowed",
                                        "\(request.uri.path.prefix(200)) does not answer \(request.method.rawValue.prefix(20)); it answers \(methods) (see /openapi.json)")
                .response(from: request, context: context)
            response.headers[.allow] = methods
            return response
        }
    }

    /// The methods of the routes whose path matches `path`.
    func allowedMethods(path: String) -> Set<HTTPRequest.Method> {
        let parts = Self.segments(path)
        var methods = Set<HTTPRequest.Method>()
        for route in routes where route.segments.count == parts.count {
            if zip(route.segments, parts).allSatisfy({ Self.isCapture($0) || $0 == $1 }) { methods.insert(route.method) }
        }
        return methods
    }

    private static func isCapture(_ segment: Substring) -> Bool {
        segment.hasPrefix(":") || (segment.hasPrefix("{") && segment.hasSuffix("}"))
    }

    private static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}
