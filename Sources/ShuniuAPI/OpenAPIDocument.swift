/// The OpenAPI 3.1 document of the API, `Sources/ShuniuAPI/Resources/openapi.json` compiled
/// into the module (served at `/openapi.json`; a test checks it against the router's routes).
public enum OpenAPIDocument {
    /// The document's bytes.
    public static var bytes: [UInt8] { PackageResources.openapi_json }
}

extension OpenAPIDocument {
    /// A router path in OpenAPI's form: `/v1/persons/:id` becomes `/v1/persons/{id}`.
    public static func template(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }.joined(separator: "/")
    }
}
