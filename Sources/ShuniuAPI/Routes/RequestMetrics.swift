import Hummingbird
import ShuniuModel

/// Counts every request in ``APIMetrics`` by its route template (not its path: ids stay
/// out of the metrics) and status, errors included.
struct RequestMetrics: RouterMiddleware {
    let metrics: APIMetrics

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        metrics.request(route: context.endpointPath ?? "unmatched", status: response.status.code,
                        seconds: (ContinuousClock.now - start).seconds)
        return response
    }
}
