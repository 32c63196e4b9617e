import Foundation

/// A holder's one-time consent for one department to read the holder's personal licences for
/// one matter: short-lived, single use, signed by the hub (standing in for the city's identity
/// app, which would issue it after the holder signs in). Its text form is `SC1.` and the
/// base64url of its JSON form; `shuniu licence consent` prints it and the department
/// presents it in the `Shuniu-Consent` header.
public struct ConsentCode: Sendable, Hashable, Codable, SignedControlRecord {
    /// The prefix of the text form.
    public static let prefix = "SC1."
    /// The longest a code may live.
    public static let maximumLifetime: Duration = .seconds(3_600)
    /// The longest text form read.
    public static let maximumSize = 2_048

    /// `c-` and 16 random hex digits: what `audit.access` records of the read.
    public var id: String
    /// The holder (citizen ID or unified social credit code).
    public var holder: String
    /// The one department that may use it.
    public var department: String
    /// The matter it is for, as the holder was shown it.
    public var matter: String
    /// When it was given (RFC 3339 UTC).
    public var issuedAt: String
    /// When it stops working (RFC 3339 UTC).
    public var expiresAt: String
    /// The hub's signature.
    public var signature: ControlSignature?

    /// Consent codes are signed by the hub in `shuniu/licence-consent/v1`.
    public static var signatureDomain: SignatureDomain { .consent }

    /// A new consent (unsigned), with a random id, from `now` for `lifetime`.
    public init(holder: String, department: String, matter: String, now: Date, lifetime: Duration) {
        var random = SystemRandomNumberGenerator()
        id = "c-" + (0..<8).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &random)) }.joined()
        self.holder = holder
        self.department = department
        self.matter = matter
        let seconds = Double(min(lifetime, Self.maximumLifetime).components.seconds)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        issuedAt = formatter.string(from: now)
        expiresAt = formatter.string(from: now.addingTimeInterval(seconds))
    }

    /// The text form.
    public var text: String { Self.prefix + LicenceText.base64url(ControlJSON.encode(self)) }

    /// Why a presented consent does not allow a read.
    public enum Refusal: String, Error, Sendable, Hashable, CaseIterable {
        /// Not a consent code, or not signed by the hub.
        case invalid = "consent-invalid"
        /// Past its expiry.
        case expired = "consent-expired"
        /// Given to another department.
        case otherDepartment = "consent-other-department"
        /// Given by another holder.
        case otherHolder = "consent-other-holder"
        /// Already used once.
        case used = "consent-used"
    }

    /// The consent in `text` when the hub key `hub` signed it and it is for `department`
    /// reading `holder` at `now`; else why not. (Single use is the caller's ledger.)
    public static func check(_ text: String, hub: VerifyingKey, department: String, holder: String,
                             now: Date) -> Result<ConsentCode, Refusal> {
        guard text.utf8.count <= maximumSize, text.hasPrefix(prefix),
              let bytes = LicenceText.unbase64url(String(text.dropFirst(prefix.count))),
              let code = ControlJSON.decode(bytes, as: ConsentCode.self),
              let signature = code.signature, signature.key == hub.id,
              let value = Data(base64Encoded: signature.value).map(Array.init),
              hub.verifies(value, of: ControlSignature.message(canonical: code.canonical, via: signature.via), in: .consent),
              let expires = RFC3339.epochMilliseconds(code.expiresAt) else { return .failure(.invalid) }
        guard code.department == department else { return .failure(.otherDepartment) }
        guard code.holder == holder else { return .failure(.otherHolder) }
        guard Int64(now.timeIntervalSince1970 * 1000) < expires else { return .failure(.expired) }
        return .success(code)
    }
}
