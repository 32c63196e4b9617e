import Foundation
import Hummingbird

/// What a portal page knows about its request: the language, the session (if signed in) and
/// the query. Built once per request by ``Portal/request(_:)``.
struct PortalRequest: Sendable {
    /// Cookie naming the session.
    static let sessionCookie = "shuniu_session"
    /// Cookie remembering the language.
    static let languageCookie = "shuniu_lang"
    /// Cookie of the sign-in form's own CSRF token (before any session exists).
    static let signInCookie = "shuniu_signin"

    /// The page's language.
    let lang: PortalLanguage
    /// Whether `?lang=` changed it (the answer then sets the cookie).
    let languageChosen: Bool
    /// The session's id, when the request carried a live one.
    let sessionID: String?
    /// The live session.
    let session: PortalSession?
    /// The request's path, for the navigation, the language switch and the sign-in return.
    let path: String
    /// The query's parameters in order (a name may repeat).
    let queryItems: [(name: String, value: String)]

    /// The signed-in department, if staff are signed in.
    var department: String? {
        guard case .department(let id, _) = session?.user else { return nil }
        return id
    }

    /// The signed-in citizen, if one is.
    var citizen: String? {
        guard case .citizen(let id, _) = session?.user else { return nil }
        return id
    }

    /// Whether an operator is signed in.
    var isOps: Bool {
        guard case .ops = session?.user else { return false }
        return true
    }

    /// Text in the page's language.
    func t(_ zh: String, _ en: String) -> String { lang.t(zh, en) }

    /// A query parameter, trimmed, at most 200 characters; nil when absent or empty.
    func query(_ name: String) -> String? {
        guard let value = queryItems.first(where: { $0.name == name })?.value.trimmingCharacters(in: .whitespacesAndNewlines),
              !value.isEmpty else { return nil }
        return String(value.prefix(200))
    }

    /// The hidden CSRF field of a form of this session.
    var csrfField: HTML {
        guard let session else { return .empty }
        return "<input type=\"hidden\" name=\"csrf\" value=\"\(session.csrf)\">"
    }
}
