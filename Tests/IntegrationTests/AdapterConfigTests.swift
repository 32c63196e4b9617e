import Foundation
import ShuniuAdapters
import ShuniuModel
import Testing

/// Adapter configuration mistakes are reported with the file, the key and the fix (no broker).
@Suite struct AdapterConfigTests {
    @Test func aGoodFileIsReadWithPathsFromItsFolder() throws {
        let fixture = try AdapterFixture()
        let file = try write(fixture, """
            {"department": "civil-affairs", "theme": "\(fixture.theme.id)",
             "source": {"database": "civil.db", "table": "changes", "mode": "updated-at", "columns": {"name": "xm"}},
             "spool": "/var/tmp/x.spool", "bootstrap": "kafka:9092", "pollIntervalSeconds": 0.5, "batchSize": 500,
             "messageTimeoutSeconds": 3, "maxBackoffSeconds": 2}
            """)
        let config = try AdapterConfig.load(file: file)
        #expect(config.database == fixture.path("civil.db"))
        #expect(config.spool == "/var/tmp/x.spool")
        #expect(config.mode == .updatedAt && config.column(for: "name") == "xm" && config.column(for: "status") == "status")
        #expect(config.pollInterval == .milliseconds(500) && config.batchSize == 500)
        #expect(config.messageTimeout == .seconds(3) && config.maxBackoff == .seconds(2) && config.bootstrap == "kafka:9092")
    }

    @Test(arguments: [
        (#"{"department": "civil-affairs", "theme": "t", "source": {"database": "d", "table": "t", "mode": "changes"}, "spool": "s"}"#,
         "source.mode: is 'changes'; use \"change-table\""),
        (#"{"department": "civil-affairs", "theme": "t", "source": {"database": "d", "tabel": "t", "mode": "updated-at"}, "spool": "s"}"#,
         "source.tabel: is not a known key; use one of database, table"),
        (#"{"department": "civil-affairs", "theme": "t", "spool": "s"}"#, "source: is missing; add \"source\""),
        (#"{"department": "civil-affairs", "theme": "t", "source": {"database": "d", "table": "t", "mode": "updated-at"}, "spool": "s", "batchSize": "many"}"#,
         "batchSize: must be a number from 1.0 to 100000.0"),
        (#"{"department": "civil-affairs", "theme": "t", "source": {"database": "d", "table": "t", "mode": "updated-at"}, "spool": "s" // the spool}"#,
         "is not valid JSON"),
    ])
    func mistakesNameTheFileTheKeyAndTheFix(json: String, message: String) throws {
        let fixture = try AdapterFixture()
        let file = try write(fixture, json)
        #expect {
            try AdapterConfig.load(file: file)
        } throws: { error in
            "\(error)".hasPrefix(file + ": ") && "\(error)".contains(message)
        }
    }

    @Test func theSourceTableAndTheProviderAreCheckedAgainstTheCatalogue() throws {
        let fixture = try AdapterFixture()
        let table = try ChangeTable(path: fixture.path("civil.db"))
        var config = AdapterConfig(file: "adapter.json", department: "tax", theme: fixture.theme.id, database: table.path,
                                   table: "changes", mode: .changeTable, spool: fixture.path("spool.sqlite"))
        #expect { try Adapter(config: config, catalogue: fixture.catalogue) } throws: { error in
            "\(error)".hasPrefix("adapter.json: department: 'tax' may not publish theme") && "\(error)".contains("'civil-affairs'")
        }
        config.department = "civil-affairs"
        config.table = "change_log"
        #expect { try Adapter(config: config, catalogue: fixture.catalogue) } throws: { error in
            "\(error)".contains("source.table: table 'change_log' is not in") && "\(error)".contains("its tables: changes")
        }
        config.table = "changes"
        config.columns = ["name": "xm"]
        #expect { try Adapter(config: config, catalogue: fixture.catalogue) } throws: { error in
            "\(error)".contains("source.columns: theme '\(fixture.theme.id)' requires field 'name' but table 'changes' has no column 'xm'")
        }
    }

    private func write(_ fixture: AdapterFixture, _ text: String) throws -> String {
        let file = fixture.path("adapter-\(UUID().uuidString.prefix(6)).json")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}
