import Foundation
import Logging

/// Logging for long-running commands: to stderr, level from `$SHUNIU_LOG_LEVEL` (default info).
enum ServiceLogging {
    /// Sets up the logging system once, and returns a logger with `label`.
    static func logger(_ label: String) -> Logger {
        bootstrapOnce
        return Logger(label: label)
    }

    private static let bootstrapOnce: Void = {
        let level = ProcessInfo.processInfo.environment["SHUNIU_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }()
}
