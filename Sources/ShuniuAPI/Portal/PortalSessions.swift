import Foundation
import Synchronization
import ShuniuModel

/// Who a portal session is signed in as.
public enum PortalUser: Sendable, Hashable {
    /// Department staff, signed in with one of the department's API keys (its id names the
    /// key in the steps the hub signs for the department, as for the API).
    case department(String, keyID: String)
    /// A citizen, signed in with a citizen token (`shuniu keys issue --citizen ID`).
    case citizen(String, keyID: String)
    /// The hub's operators, signed in with an ops key.
    case ops(keyID: String)
}

/// One signed-in browser: the user, the CSRF token every form of the session carries, and
/// when it was last used and created.
public struct PortalSession: Sendable, Hashable {
    /// The user.
    public var user: PortalUser
    /// The synchronizer token: every POST of the session must carry it in `csrf`.
    public var csrf: String
    /// Created (monotonic seconds).
    var created: Double
    /// Last used (monotonic seconds).
    var used: Double
}

/// The portal's sessions, in memory: a random 256-bit id in an HttpOnly, SameSite=Strict
/// cookie names the session; the server holds the user and the CSRF token. A session ends
/// after 30 minutes unused, 8 hours after sign-in, at sign-out, or when the key it was opened
/// with is revoked (checked on every request). A restart signs everyone out.
public final class PortalSessions: Sendable {
    /// Idle limit.
    public static let idle: Double = 30 * 60
    /// Absolute limit.
    public static let lifetime: Double = 8 * 3_600
    /// At most this many sessions at once; the oldest unused go first beyond.
    public static let capacity = 10_000

    private let sessions = Mutex<[String: PortalSession]>([:])
    private let clock: @Sendable () -> Double

    /// Sessions on the monotonic clock (or `clock`, for tests).
    public init(clock: @escaping @Sendable () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }) {
        self.clock = clock
    }

    /// Opens a session for `user`; returns its id (the cookie's value).
    public func open(_ user: PortalUser) -> String {
        let id = Self.token()
        let now = clock()
        sessions.withLock { sessions in
            sessions = sessions.filter { Self.isLive($0.value, now) }
            if sessions.count >= Self.capacity, let oldest = sessions.min(by: { $0.value.used < $1.value.used }) {
                sessions[oldest.key] = nil
            }
            sessions[id] = PortalSession(user: user, csrf: Self.token(), created: now, used: now)
        }
        return id
    }

    /// The live session `id` names (marked used), or nil.
    public func session(_ id: String) -> PortalSession? {
        let now = clock()
        return sessions.withLock { sessions in
            guard var session = sessions[id] else { return nil }
            guard Self.isLive(session, now) else {
                sessions[id] = nil
                return nil
            }
            session.used = now
            sessions[id] = session
            return session
        }
    }

    /// Ends the session `id`.
    public func close(_ id: String) { _ = sessions.withLock { $0.removeValue(forKey: id) } }

    /// Live sessions.
    public var count: Int { sessions.withLock { $0.count } }

    private static func isLive(_ session: PortalSession, _ now: Double) -> Bool {
        now - session.used < idle && now - session.created < lifetime
    }

    /// 32 random bytes (getrandom), hex.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return SHA256Digest.hex((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// Compares two tokens in time independent of where they differ.
    static func same(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8), b = Array(right.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
