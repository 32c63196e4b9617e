import Hummingbird
import Logging
import ShuniuKafka

/// The Hummingbird application of the API: the middlewares (metrics, JSON errors, bearer
/// keys, 405 for a known path's other methods) and every route group.
public enum APIApplication {
    /// The route groups, one file per concern.
    static func groups(_ runtime: APIRuntime) throws(KafkaError) -> [any RouteGroup] {
        [LibraryRoutes(runtime: runtime), CatalogRoutes(catalogue: runtime.catalogue), GrantRoutes(runtime: runtime),
         CreditRoutes(runtime: runtime), LicenceRoutes(runtime: runtime), LicenceReadRoutes(runtime: runtime), OpenDataRoutes(runtime: runtime), try OperationsRoutes(runtime: runtime),
         Portal(runtime: runtime)]
    }

    /// The router with every route of the API.
    public static func router(_ runtime: APIRuntime) throws(KafkaError) -> Router<APIContext> {
        let router = Router(context: APIContext.self)
        router.middlewares.add(RequestMetrics(metrics: runtime.metrics))
        router.middlewares.add(JSONErrorMiddleware())
        router.middlewares.add(BearerAuthentication(keys: runtime.keys))
        for group in try groups(runtime) { group.register(on: router) }
        // After every route: it wraps only the not-found answer (405 for a known path's other methods).
        router.middlewares.add(MethodNotAllowed(routes: router.routes.map { ($0.method, $0.path.description) }))
        return router
    }
}
