/// A district body (`kind: district` in `departments.yaml`) acts for its own district only, so
/// every grant it holds is scoped to exactly that district on the theme's district field.
///
/// - The application's scope on `district` must be exactly the body's own district
///   (`--scope district=panyu`); no scope, another district, or several districts are refused
///   with `district-scope`.
/// - A theme without a `district` field cannot be scoped to a district, so a district body
///   cannot receive it at all (`no-district-field`): its rows would be the whole city's. A
///   city-wide body with the function can apply instead, or the provider can add the field.
/// - A district body the catalogue gives no district is refused with `district-scope`.
///
/// City-wide bodies are not affected.
public enum DistrictScope {
    /// The name every theme gives its district field (values: district ids of `departments.yaml`).
    public static let field = "district"

    /// Checks `application` by `subscriber` on `theme`.
    public static func check(_ application: GrantApplication, theme: Theme, subscriber: Department) throws(GrantRefusal) {
        guard subscriber.kind == .district else { return }
        guard let own = subscriber.district else {
            throw GrantRefusal(.districtScope, "\(subscriber.id) is a district body but the catalogue gives it no district; "
                               + "add `district:` to it in departments.yaml")
        }
        guard theme.field(field) != nil else {
            throw GrantRefusal(.noDistrictField, "\(subscriber.id) acts for \(own) only, and \(theme.id) has no \(field) field "
                               + "to scope its rows by, so it cannot be granted to a district body; a city-wide body "
                               + "holding \(application.function) may apply, or \(theme.provider) may add a \(field) field")
        }
        let fix = "apply with --scope \(field)=\(own)"
        guard let values = application.scope[field] else {
            throw GrantRefusal(.districtScope, "\(subscriber.id) acts for \(own) only; an application without a scope on "
                               + "\(field) would receive the whole city's rows: \(fix)")
        }
        guard Set(values) == [own] else {
            throw GrantRefusal(.districtScope, "\(subscriber.id) acts for \(own) only, not for \(field)=\(values.joined(separator: "|")): \(fix)")
        }
    }
}
