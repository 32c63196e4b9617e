import Foundation
import ShuniuLibraries
import Testing

@Suite("Projector: kill -9 at random moments loses and double-applies nothing", .serialized)
struct ProjectorCrashTests {
    @Test func killedRepeatedlyTheLibraryEqualsACleanRun() async throws {
        let broker = try TestBroker()
        let city = try await LibraryCity(broker: broker, persons: 25_000, entities: 1_600)
        defer { city.remove() }
        #expect(city.events.count >= 200_000)
        try await city.publish(city.events)

        let clean = try LibraryFile()
        let reference = try SQLiteLibraryStore(path: clean.path)
        _ = try await city.project(into: reference, batchSize: 20_000)

        let crashed = try LibraryFile()
        var random = SystemRandomNumberGenerator()
        var kills = 0
        var finished = false
        let log = crashed.directory.appendingPathComponent("projector.log").path
        while !finished {
            let pid = try ChildProcess.spawn([ShuniuBinary.url.path, "project", "run", "--until-end", "--batch-size", "5000",
                                              "--library", crashed.path, "--bootstrap", broker.bootstrap,
                                              "--catalog", TestBroker.root.appendingPathComponent("topics").path],
                                             output: log)
            if kills < 8 {
                try await Task.sleep(for: .milliseconds(Int.random(in: 400...2_500, using: &random)))
                if kill(pid, SIGKILL) == 0 { kills += 1 }
            }
            let status = ChildProcess.wait(pid)
            finished = status == 0
            #expect(status == 0 || status == 128 + SIGKILL, "projector exited \(status); see \(log)")
            if status != 0 && status != 128 + SIGKILL { break }
        }
        #expect(kills >= 4)
        let store = try SQLiteLibraryStore(path: crashed.path)
        for kind in LibraryKind.allCases { #expect(try store.digest(kind) == reference.digest(kind)) }
        let totals = try store.totals()
        // Every record read exactly once over all the runs, each change applied once.
        #expect(totals.read == city.events.count)
        #expect(totals.applied == city.events.count)
        #expect(totals.stale == 0)
        #expect(totals == (try reference.totals()))
        broker.stop()
    }
}
