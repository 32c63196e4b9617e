import Foundation
import Hummingbird
import Logging

/// Turns every error thrown below it into a JSON error answer with a stable code: an
/// ``APIError`` as it is, Hummingbird's own errors (no route, wrong method, body too large)
/// and decoding errors mapped to codes, anything else a 500 `internal` whose detail goes to
/// the log only.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Self.apiError(for: error, request: request, context: context).response(from: request, context: context)
        }
    }

    static func apiError(for error: any Error, request: Request, context: Context) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as any HTTPResponseError:
            switch error.status {
            case .notFound:
                return APIError(.notFound, "no-route", "no route \(request.method) \(request.uri.path); the routes are listed at /openapi.json")
            case .methodNotAllowed:
                return APIError(.methodNotAllowed, "method-not-allowed", "\(request.uri.path) does not answer \(request.method); see /openapi.json")
            case .contentTooLarge:
                return APIError(.contentTooLarge, "body-too-large", "the request body is larger than \(APIContext.bodyLimit) bytes; send a smaller body")
            case .unauthorized:
                return .unauthorized("send Authorization: Bearer <key>; `shuniu keys issue --department <id>` issues a key")
            default:
                return APIError(error.status, "http-\(error.status.code)", error.status.reasonPhrase)
            }
        case let error as DecodingError:
            return .badRequest("the JSON body does not fit: \(Self.describe(error))")
        default:
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return APIError(.internalServerError, "internal", "the request failed inside the hub; the operators' log has the detail")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "missing member \(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "member \(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "malformed"
        }
    }
}
