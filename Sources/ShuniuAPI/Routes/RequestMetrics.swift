import Hummingbird

/// Counts every request in ``APIMetrics`` by its route template (not its path: ids stay
/// out of the metrics) and status, errors included.
struct RequestMetrics: RouterMiddleware {
    let metrics: APIMetrics

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metrics.request(route: context.endpointPath ?? "unmatched", status: response.status.code, seconds: seconds)
        return response
    }
}
