import Foundation
import ShuniuModel

/// The checks of a licence before it is signed: the holder's identifier for the type's holder
/// kind, the issuer's entitlement, and each field against the type (names, required, enums,
/// dates, identifiers), each failure with the fix.
enum LicenceDraft {
    /// The longest field value accepted (bytes).
    static let maximumValue = 512

    /// `name=value` options as the type's fields.
    static func fields(_ options: [String], of type: LicenceType) throws(LicenceError) -> [String: String] {
        var values: [String: String] = [:]
        for option in options {
            guard let equals = option.firstIndex(of: "=") else {
                throw LicenceError("--field \(option.prefix(40)) is not name=value")
            }
            let name = String(option[..<equals]), value = String(option[option.index(after: equals)...])
            guard let spec = type.fields.first(where: { $0.name == name }) else {
                throw LicenceError("\(type.id) has no field \(name); its fields are \(type.fields.map(\.name).joined(separator: ", "))")
            }
            guard !value.isEmpty, value.utf8.count <= maximumValue else {
                throw LicenceError("field \(name) is empty or over \(maximumValue) bytes")
            }
            switch spec.type {
            case .date where CalendarDate(iso: value) == nil:
                throw LicenceError("field \(name) is '\(value.prefix(20))' but must be a date YYYY-MM-DD")
            case .enum where !(spec.values ?? []).contains(value):
                throw LicenceError("field \(name) is '\(value.prefix(20))'; use one of \((spec.values ?? []).joined(separator: ", "))")
            case .citizenID where (try? CitizenID(validating: value)) == nil:
                throw LicenceError("field \(name) is not a valid citizen ID (GB 11643)")
            case .creditCode where (try? CreditCode(validating: value)) == nil:
                throw LicenceError("field \(name) is not a valid unified social credit code (GB 32100)")
            default:
                break
            }
            values[name] = value
        }
        let missing = type.fields.filter { $0.required && values[$0.name] == nil }.map(\.name)
        guard missing.isEmpty else {
            throw LicenceError("\(type.id) requires \(missing.map { "--field \($0)=..." }.joined(separator: " "))")
        }
        return values
    }

    /// The holder and issuer checks.
    static func check(holder: String, name: String, for type: LicenceType, issuer: String) throws(LicenceError) {
        guard type.issuers.contains(issuer) else {
            throw LicenceError("\(issuer) is not entitled to issue \(type.title.zh) (\(type.id)); its issuers are \(type.issuers.joined(separator: ", ")) (topics/licences/\(type.id).yaml)")
        }
        switch type.holder {
        case .person where (try? CitizenID(validating: holder)) == nil:
            throw LicenceError("a \(type.id) is held by a person: --holder must be a valid citizen ID (GB 11643)")
        case .legalEntity where (try? CreditCode(validating: holder)) == nil:
            throw LicenceError("a \(type.id) is held by an organisation: --holder must be a valid unified social credit code (GB 32100)")
        default:
            break
        }
        guard !name.isEmpty, name.utf8.count <= maximumValue else { throw LicenceError("--name is empty or over \(maximumValue) bytes") }
    }
}

