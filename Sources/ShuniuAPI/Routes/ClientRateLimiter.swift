import Synchronization

/// A token bucket per client address: each address may make `burst` requests at once, and one
/// more every `1 / perSecond` seconds. Used for the keyless credit look-ups, so that the public
/// view cannot be walked through the whole ID space at speed.
///
/// Memory is bounded: buckets that have refilled (the same as no bucket) are dropped when the
/// table reaches `maxClients`, and if that frees nothing the table starts over.
public final class ClientRateLimiter: Sendable {
    /// The limit's settings.
    public struct Limit: Sendable, Hashable {
        /// Requests an address may make at once.
        public var burst: Double
        /// Tokens added per second.
        public var perSecond: Double

        /// A limit (`burst` ≥ 1, `perSecond` > 0).
        public init(burst: Double, perSecond: Double) {
            self.burst = max(1, burst)
            self.perSecond = max(0.000_001, perSecond)
        }
    }

    /// What the limiter decided.
    public enum Decision: Sendable, Hashable {
        /// Go ahead.
        case allowed
        /// Refused; a token is back after this many whole seconds (≥ 1).
        case limited(retryAfter: Int)
    }

    private struct Bucket {
        var tokens: Double
        var at: ContinuousClock.Instant
    }

    /// The limit.
    public let limit: Limit
    private let maxClients: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    /// A limiter; `maxClients` bounds the table of addresses.
    public init(limit: Limit, maxClients: Int = 65_536) {
        self.limit = limit
        self.maxClients = max(1, maxClients)
    }

    /// Takes a token for `client` at `now`.
    public func take(_ client: String, now: ContinuousClock.Instant = .now) -> Decision {
        buckets.withLock { buckets in
            var bucket = buckets[client].map { refilled($0, now) } ?? Bucket(tokens: limit.burst, at: now)
            guard bucket.tokens >= 1 else {
                buckets[client] = bucket
                let wait = (1 - bucket.tokens) / limit.perSecond
                return .limited(retryAfter: max(1, Int(wait.rounded(.up))))
            }
            bucket.tokens -= 1
            if buckets[client] == nil && buckets.count >= maxClients {
                buckets = buckets.filter { refilled($0.value, now).tokens < limit.burst }
                if buckets.count >= maxClients { buckets.removeAll(keepingCapacity: true) }
            }
            buckets[client] = bucket
            return .allowed
        }
    }

    private func refilled(_ bucket: Bucket, _ now: ContinuousClock.Instant) -> Bucket {
        let elapsed = now - bucket.at
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Bucket(tokens: min(limit.burst, bucket.tokens + max(0, seconds) * limit.perSecond), at: now)
    }
}
