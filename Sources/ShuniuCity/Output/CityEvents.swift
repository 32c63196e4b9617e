import Foundation
import ShuniuModel

extension CityReport {
    /// The change events of the written feeds whose theme `include` accepts, feed by feed in
    /// line order, each from its providing department (every generated line has its own
    /// `_sequence` and `_time`, so the defaults never apply).
    public func events(in directory: URL, catalogue: Catalogue, include: (Theme) -> Bool = { _ in true }) throws -> [ChangeEvent] {
        var events: [ChangeEvent] = []
        for feed in files {
            guard let theme = catalogue.theme(feed.theme), include(theme) else { continue }
            let data = try Data(contentsOf: directory.appendingPathComponent(feed.path))
            for line in data.split(separator: UInt8(ascii: "\n")) {
                events.append(try FeedRecord(parsing: line).event(theme: theme, department: feed.department,
                                                                  defaultSequence: 1, defaultTime: "2026-01-01T00:00:00Z"))
            }
        }
        return events
    }
}
