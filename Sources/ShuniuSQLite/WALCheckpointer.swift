import CSQLite
import Dispatch
import Foundation

/// Checkpoints a WAL-mode database from a connection and a thread of its own, so that the
/// writer never waits for a checkpoint's `fsync`.
///
/// With SQLite's automatic checkpoints the committing writer copies the WAL into the database
/// file and syncs it, every 1 000 pages: a bulk writer then spends much of its time waiting
/// for the disk. Here the writer turns automatic checkpoints off and this checkpointer runs a
/// passive checkpoint (which never blocks the writer) every `interval`. Durability is the
/// same: `synchronous = NORMAL` syncs the WAL at each checkpoint. `writerShouldWait` tells
/// the writer when the WAL has grown past `walLimit` because the disk fell behind; the writer
/// then checkpoints itself once, so the WAL stays bounded.
///
/// `@unchecked Sendable`: its connection is used only by the timer's handler, on `queue`;
/// everything else it holds is immutable, and the WAL size is read from the file system.
public final class WALCheckpointer: @unchecked Sendable {
    private let queue = DispatchQueue(label: "shuniu.sqlite.checkpoint")
    private let database: SQLiteDatabase
    private let timer: DispatchSourceTimer
    private let walPath: String
    private let walLimit: Int

    /// Starts checkpointing the database at `path` every `interval`; `walLimit` bytes of WAL
    /// make ``writerShouldWait`` true.
    public init(path: String, interval: DispatchTimeInterval = .milliseconds(500), walLimit: Int = 256 << 20) throws(SQLiteError) {
        database = try SQLiteDatabase(path: path)
        walPath = path + "-wal"
        self.walLimit = walLimit
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [database] in
            _ = try? database.execute("PRAGMA wal_checkpoint(PASSIVE);")
        }
        timer.resume()
    }

    /// Whether the WAL has outgrown its limit (the disk is slower than the writer).
    public var writerShouldWait: Bool {
        guard let size = try? FileManager.default.attributesOfItem(atPath: walPath)[.size] as? Int else { return false }
        return size > walLimit
    }

    /// Stops the timer and waits for a checkpoint under way.
    public func stop() {
        timer.cancel()
        queue.sync {}
    }

    deinit { stop() }
}
