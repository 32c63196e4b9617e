import Foundation
import Hummingbird
import NIOCore
import ShuniuModel

/// `POST /v1/licences/verify`: anyone (no key) presents a licence, as its JSON form or its
/// compact text (`SL1.…`), and learns whether it is valid and why not; the answer carries
/// only what the licence itself carries. Rate-limited per client address like the keyless
/// credit look-ups (`APIConfig.publicCreditLimit`).
struct LicenceRoutes: RouteGroup {
    let runtime: APIRuntime
    private var limiter: ClientRateLimiter { runtime.publicLimiter }

    func register(on router: Router<APIContext>) {
        router.post("/v1/licences/verify") { request, context in
            if context.department == nil, case .limited(let seconds) = limiter.take(context.clientAddress) {
                throw APIError.rateLimited(retryAfter: seconds)
            }
            guard let licences = runtime.licences else {
                throw APIError.unavailable("this API was started without the licence register")
            }
            let body = try await request.body.collect(upTo: Licence.maximumSize + 1)
            guard body.readableBytes <= Licence.maximumSize else {
                throw APIError.badRequest("a licence is at most \(Licence.maximumSize) bytes (its JSON form or its SL1. compact form)")
            }
            guard body.readableBytes > 0 else {
                throw APIError.badRequest("the body is empty; send the licence's JSON form or its compact text (SL1.…)")
            }
            let bytes = Array(body.readableBytesView)
            guard Self.isLicenceShaped(bytes) else {
                throw APIError.badRequest("the body is neither a JSON object (a licence's JSON form) nor a compact licence (SL1.…)")
            }
            let day = UTCClock.today() ?? .latest
            let verdict = licences.verifier.verify(bytes: bytes, on: day)
            return try JSONResponse.make(verdict)
        }
    }

    /// A JSON object, or text that starts with the compact prefix: what the operation takes
    /// (anything else is a 400; a JSON object that is no licence is the verdict `malformed`).
    static func isLicenceShaped(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix(LicenceText.prefix) { return true }
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) is [String: Any]
    }
}
