import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ShuniuAPI
import ShuniuLibraries

/// The demo's departments at the API: a key each, and one person as each of them sees it.
struct DemoAPIView {
    /// Departments given API keys, with what their grants let them see.
    static let departments = [
        ("housing-construction", "marriage, for housing security (IDs masked)"),
        ("panyu-grid-centre", "household registration in Panyu only (ID masked)"),
        ("civil-affairs", "household registration and death, for social assistance (ID pseudonymised, birth year only)"),
    ]

    let base: String
    let keys: [String: String]

    /// Issues a fresh key per department into the key file (earlier demo keys are revoked).
    static func issueKeys(path: String, now: String) throws -> [String: String] {
        let store = try APIKeyStore(path: path)
        var keys: [String: String] = [:]
        // The three departments of the tour, and a provider whose staff decide on the portal.
        for department in departments.map(\.0) + ["human-resources-social-security"] {
            _ = try store.revokeAll(department: department, at: now)
            keys[department] = try store.issue(department: department, label: "demo", at: now).text
        }
        return keys
    }

    /// The portal's sign-in keys for the tour: the sample person's citizen token and an ops key
    /// (those of an earlier run revoked).
    struct PortalKeys { var citizen: String, ops: String }

    static func issuePortalKeys(path: String, person: String, now: String) throws -> PortalKeys {
        let store = try APIKeyStore(path: path)
        for key in try store.keys(department: nil) where key.revoked == nil && key.label == "demo" && (key.role == .ops || key.role == .citizen) {
            try store.revoke(id: key.id, at: now)
        }
        return PortalKeys(citizen: try store.issueCitizen(person, label: "demo", at: now).text,
                          ops: try store.issueOps(label: "demo", at: now).text)
    }

    /// A married person of Panyu: visible to all three departments.
    static func samplePerson(_ library: SQLiteLibraryStore) throws -> String? {
        var married: [String] = []
        try library.scan(.person, theme: "marriage") { subject, slice in
            if married.count < 2_000, slice.row["status"]?.stringValue == "married" { married.append(subject) }
        }
        for subject in married {
            guard let record = try library.record(.person, subject: subject), record.slice("death") == nil,
                  record.slice("household-registration")?.row["district"]?.stringValue == "panyu" else { continue }
            return subject
        }
        return married.first
    }

    /// Prints the person as each department receives it from `GET /v1/persons/{id}`.
    func show(_ subject: String) async {
        Console.say("7. one person through the query API (GET /v1/persons/\(subject)), as three departments see them:")
        for (department, what) in Self.departments {
            guard let key = keys[department] else { continue }
            let (status, body) = await get("/v1/persons/\(subject)", key: key)
            Console.say("   \(department) — \(what): HTTP \(status)")
            Console.say("     \(body.count > 700 ? String(body.prefix(700)) + "…" : body)")
        }
        let (status, body) = await get("/v1/persons/\(subject)", key: nil)
        Console.say("   without a key: HTTP \(status) \(body)")
    }

    /// A GET with an optional key; the status and body (or the transport error).
    func get(_ path: String, key: String?) async -> (Int, String) {
        guard let url = URL(string: base + path) else { return (0, "bad URL") }
        var request = URLRequest(url: url)
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        } catch {
            return (0, "\(error)")
        }
    }
}
