import Foundation
import ShuniuKafka
import ShuniuSQLite
import ShuniuSubscriber
import Testing

@Suite struct MirrorSinkTests {
    let partition = TopicPartition(topic: Deliveries.topic, partition: 0)

    func rows(_ path: String) throws -> [[SQLiteValue]] {
        try SQLiteDatabase(path: path, readOnly: true)
            .query("SELECT subject, ce_sequence, json_extract(row, '$.name'), grant_id FROM marriage ORDER BY subject")
    }

    @Test func upsertsBySequenceAppliesDeletesAndKeepsPositionsWithTheRows() throws {
        let path = try Deliveries.directory().appendingPathComponent("mirror.sqlite").path
        let a = "440111195908125807", b = "440111195801049592"
        do {
            let sink = try MirrorSink(path: path)
            let result = try sink.write(Deliveries.batch([
                Deliveries.message(offset: 0, subject: a, sequence: 1, name: "old"),
                Deliveries.message(offset: 1, subject: a, sequence: 3, name: "new"),
                Deliveries.message(offset: 2, subject: a, sequence: 2, id: "late", name: "stale"),
                Deliveries.message(offset: 3, subject: b, sequence: 1, name: "b"),
                Deliveries.message(offset: 4, subject: b, sequence: 2, action: .deleted),
            ]))
            #expect(result == SinkResult(written: 5, duplicates: 0))
        }
        #expect(try rows(path) == [[.text(a), .integer(3), .text("new"), .text("g-1")]])
        let reopened = try MirrorSink(path: path)
        #expect(reopened.positions == [partition: 5])
        let again = try reopened.write(Deliveries.batch([
            Deliveries.message(offset: 5, subject: b, sequence: 1, name: "b"),   // a repeat of offset 3
            Deliveries.message(offset: 6, subject: b, sequence: 3, name: "back"),
            Deliveries.message(offset: 7, subject: a, sequence: 4, grant: nil),   // refused
        ]))
        #expect(again == SinkResult(written: 1, duplicates: 1))
        #expect(reopened.refusedTotal == 1)
        #expect(try rows(path) == [[.text(b), .integer(3), .text("back"), .text("g-1")],
                                   [.text(a), .integer(3), .text("new"), .text("g-1")]])
        let refused = try SQLiteDatabase(path: path, readOnly: true).query("SELECT position, code FROM shuniu_refused")
        #expect(refused == [[.text("sub.civil-affairs/0/7"), .text("missing-grant")]])
    }
}
