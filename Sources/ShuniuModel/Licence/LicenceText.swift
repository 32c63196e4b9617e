import Foundation

/// The compact text form of a licence, short enough for a QR code (a few hundred characters
/// for a typical licence; byte-mode QR codes hold 2 953): `SL1.` then the base64url (no
/// padding) of a JSON array of the licence's values in a fixed order, its signature last.
/// It decodes to exactly the licence it was made from, so the same signature verifies.
public enum LicenceText {
    /// The prefix of every compact licence.
    public static let prefix = "SL1."

    private struct Values: Codable {
        var number, licenceType, issuer, key, validFrom: String
        var validUntil: String?
        var holder, kind, name: String
        var fields: [String: String]
        var signature: String

        init(from decoder: any Decoder) throws {
            var list = try decoder.unkeyedContainer()
            number = try list.decode(String.self)
            licenceType = try list.decode(String.self)
            issuer = try list.decode(String.self)
            key = try list.decode(String.self)
            validFrom = try list.decode(String.self)
            validUntil = try list.decodeIfPresent(String.self)
            holder = try list.decode(String.self)
            kind = try list.decode(String.self)
            name = try list.decode(String.self)
            fields = try list.decode([String: String].self)
            signature = try list.decode(String.self)
            guard list.isAtEnd else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "extra values"))
            }
        }

        init(_ licence: Licence, signature: String) {
            number = licence.number
            licenceType = licence.licenceType
            issuer = licence.issuer.id
            key = licence.issuer.key
            validFrom = licence.validFrom
            validUntil = licence.validUntil
            holder = licence.credentialSubject.id
            kind = licence.credentialSubject.kind.rawValue
            name = licence.credentialSubject.name
            fields = licence.credentialSubject.fields
            self.signature = signature
        }

        func encode(to encoder: any Encoder) throws {
            var list = encoder.unkeyedContainer()
            for value in [number, licenceType, issuer, key, validFrom] { try list.encode(value) }
            if let validUntil { try list.encode(validUntil) } else { try list.encodeNil() }
            for value in [holder, kind, name] { try list.encode(value) }
            try list.encode(fields)
            try list.encode(signature)
        }
    }

    /// The compact form of a signed licence (nil when it is not signed).
    public static func encode(_ licence: Licence) -> String? {
        guard let signature = licence.signature, signature.via == nil else { return nil }
        return prefix + base64url(ControlJSON.encode(Values(licence, signature: signature.value)))
    }

    /// The licence a compact form carries; nil when the text is not one.
    public static func decode(_ text: String) -> Licence? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count <= Licence.maximumSize, trimmed.hasPrefix(prefix),
              let bytes = unbase64url(String(trimmed.dropFirst(prefix.count))),
              let values = ControlJSON.decode(bytes, as: Values.self),
              let kind = LicenceType.Holder(rawValue: values.kind) else { return nil }
        var licence = Licence(number: values.number, licenceType: values.licenceType,
                              issuer: .init(id: values.issuer, key: values.key), validFrom: values.validFrom,
                              validUntil: values.validUntil,
                              subject: .init(id: values.holder, kind: kind, name: values.name, fields: values.fields))
        licence.signature = ControlSignature(key: values.key, value: values.signature)
        return licence
    }

    /// A licence given as its JSON form or its compact form (as `licence verify` and
    /// `POST /v1/licences/verify` accept it); nil when it is neither.
    public static func read(_ bytes: [UInt8]) -> Licence? {
        guard bytes.count <= Licence.maximumSize else { return nil }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix(prefix) { return decode(text) }
        return ControlJSON.decode(bytes, as: Licence.self)
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func unbase64url(_ text: String) -> [UInt8]? {
        guard text.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0)
            || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.utf8.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }
}
