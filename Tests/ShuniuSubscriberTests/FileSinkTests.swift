import Foundation
import ShuniuKafka
import ShuniuSubscriber
import Testing

@Suite struct FileSinkTests {
    let partition = TopicPartition(topic: Deliveries.topic, partition: 0)

    @Test func resumesAtItsPositionAndSkipsRepeatsAcrossReopens() throws {
        let path = try Deliveries.directory().appendingPathComponent("out.jsonl").path
        do {
            let sink = try FileSink(path: path, format: .jsonl)
            #expect(sink.positions == [:])
            let result = try sink.write(Deliveries.batch([
                Deliveries.message(offset: 0, subject: "440111195908125807", sequence: 1),
                Deliveries.message(offset: 1, subject: "440111195908125807", sequence: 2),
            ]))
            #expect(result == SinkResult(written: 2, duplicates: 0))
        }
        let reopened = try FileSink(path: path, format: .jsonl)
        #expect(reopened.positions == [partition: 2])
        // The router redelivered sequence 2 (same grant, same ce_id) after a crash: skipped.
        let result = try reopened.write(Deliveries.batch([
            Deliveries.message(offset: 2, subject: "440111195908125807", sequence: 2),
            Deliveries.message(offset: 3, subject: "440111195908125807", sequence: 3),
        ]))
        #expect(result == SinkResult(written: 1, duplicates: 1))
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.map { String($0.prefix(39)) } == [
            #"{"_id":"marriage/440111195908125807/1","#, #"{"_id":"marriage/440111195908125807/2","#,
            #"{"_id":"marriage/440111195908125807/3","#,
        ])
    }

    @Test func aTornTailIsCutOffOnReopen() throws {
        let path = try Deliveries.directory().appendingPathComponent("out.csv").path
        do {
            let sink = try FileSink(path: path, format: .csv)
            _ = try sink.write(Deliveries.batch([Deliveries.message(offset: 0, subject: "440111195908125807", sequence: 1)]))
        }
        let committed = try Data(contentsOf: URL(fileURLWithPath: path))
        // A process killed between the append and the state update leaves lines the state does not vouch for.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("marriage/440111195908125807/2,marri".utf8))
        try handle.close()
        let reopened = try FileSink(path: path, format: .csv)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == committed)
        #expect(reopened.positions == [partition: 1])
        #expect(String(decoding: committed, as: UTF8.self).hasPrefix("_id,_theme,_action,"))
    }

    @Test func refusesAFileItDidNotWrite() throws {
        let path = try Deliveries.directory().appendingPathComponent("report.jsonl").path
        try Data("someone else's\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: SubscriberError.self) { try FileSink(path: path, format: .jsonl) }
        #expect(error?.code == "existing-output")
    }

    @Test func refusalsAreCountedAndTheirOffsetsPassed() throws {
        let path = try Deliveries.directory().appendingPathComponent("out.jsonl").path
        do {
            let sink = try FileSink(path: path, format: .jsonl)
            _ = try sink.write(Deliveries.batch([
                Deliveries.message(offset: 0, subject: "440111195908125807", sequence: 1, grant: nil),
                Deliveries.message(offset: 1, subject: "440111195908125807", sequence: 2),
            ]))
            #expect(sink.refusedTotal == 1)
        }
        let reopened = try FileSink(path: path, format: .jsonl)
        #expect(reopened.refusedTotal == 1)
        #expect(reopened.positions == [partition: 2])
        #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count == 1)
    }
}

/// Deliveries hold personal data: the output, its `.ids` and `.state` files and the mirror are 0600.
@Suite struct DeliveryFileModeTests {
    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func outputsAndMirrorsAreOwnerOnly() throws {
        let previous = umask(0o022)
        defer { umask(previous) }
        let directory = try Deliveries.directory()
        for format in [DeliveryFormat.jsonl, .csv] {
            let path = directory.appendingPathComponent("out-\(format).out").path
            #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644]))
            let sink = try FileSink(path: path, format: format)
            _ = try sink.write(Deliveries.batch([Deliveries.message(offset: 0, subject: "440111195908125807", sequence: 1)]))
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("out-\(format)") }
            #expect(files.count >= 3, "output, .ids and .state: \(files)")
            for file in files { #expect(try Self.mode(directory.appendingPathComponent(file).path) == 0o600, "\(file)") }
        }
        let mirror = directory.appendingPathComponent("mirror.sqlite").path
        let sink = try MirrorSink(path: mirror)
        _ = try sink.write(Deliveries.batch([Deliveries.message(offset: 0, subject: "440111195908125807", sequence: 1)]))
        #expect(try Self.mode(mirror) == 0o600)
    }
}
