import Foundation
import Hummingbird
import NIOCore

/// JSON answers of `Encodable` values (catalogue, grants, stats), keys sorted so answers are stable.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    /// Decodes the request body (at most ``APIContext/bodyLimit`` bytes: 413 beyond).
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: APIContext) async throws -> T {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        guard body.readableBytes > 0 else { throw APIError.badRequest("this route needs a JSON body; see /openapi.json") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: body))
        } catch let error as DecodingError {
            throw error
        } catch {
            throw APIError.badRequest("the body is not JSON: \(error.localizedDescription)")
        }
    }
}
