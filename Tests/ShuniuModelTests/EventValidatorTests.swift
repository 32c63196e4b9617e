import Testing
@testable import ShuniuModel

/// A Kafka record under construction, for tables of malformed events.
struct Record: Sendable, CustomTestStringConvertible {
    var label: String
    var key: [UInt8]?
    var headers: [EnvelopeHeader]
    var value: [UInt8]

    static let person = "11010519491231002X"
    static let otherPerson = CitizenID.make(region: "440106", year: 1990, month: 7, day: 15, sequence: 31).value
    static let enterprise = "914403001922038216"

    /// A valid upsert of household-registration.
    static func household(_ row: String = #"{"citizen_id":"11010519491231002X","name":"张三","sex":"male","birth_date":"1949-12-31","district":"yuexiu"}"#) -> Record {
        make(theme: "household-registration", action: "upserted", source: "public-security", subject: person, value: row)
    }

    /// A valid upsert of enterprise-registration with some fields replaced.
    static func enterprise(_ fields: String = "", active: String = "true") -> Record {
        let row = #"{"credit_code":"914403001922038216","name":"华为技术有限公司","active":"# + active + fields + "}"
        return make(theme: "enterprise-registration", action: "upserted", source: "market-regulation",
                    subject: enterprise, value: row)
    }

    static func make(theme: String, action: String, source: String, subject: String, value: String) -> Record {
        var headers = [
            EnvelopeHeader(name: "ce_specversion", text: "1.0"),
            EnvelopeHeader(name: "ce_id", text: "evt-1"),
            EnvelopeHeader(name: "ce_source", text: source),
            EnvelopeHeader(name: "ce_type", text: "\(theme).\(action)"),
            EnvelopeHeader(name: "ce_subject", text: subject),
            EnvelopeHeader(name: "ce_time", text: "2024-05-01T08:30:00+08:00"),
            EnvelopeHeader(name: "ce_sequence", text: "42"),
        ]
        if action == "upserted" { headers.append(EnvelopeHeader(name: "content-type", text: "application/json")) }
        return Record(label: "", key: Array(subject.utf8), headers: headers, value: Array(value.utf8))
    }

    /// Replaces (or with nil removes) a header.
    func header(_ name: String, _ text: String?) -> Record {
        var copy = self
        if let index = copy.headers.firstIndex(where: { $0.name == name }) {
            if let text { copy.headers[index] = EnvelopeHeader(name: name, text: text) } else { copy.headers.remove(at: index) }
        } else if let text {
            copy.headers.append(EnvelopeHeader(name: name, text: text))
        }
        return copy
    }

    func appending(_ header: EnvelopeHeader) -> Record {
        var copy = self
        copy.headers.append(header)
        return copy
    }

    func key(_ text: String?) -> Record {
        var copy = self
        copy.key = text.map { Array($0.utf8) }
        return copy
    }

    func value(_ text: String) -> Record {
        var copy = self
        copy.value = Array(text.utf8)
        return copy
    }

    /// The same record under another subject: key and ce_subject both change.
    func subject(_ subject: String) -> Record {
        header("ce_subject", subject).key(subject)
    }

    func named(_ label: String) -> Record {
        var copy = self
        copy.label = label
        return copy
    }

    var testDescription: String { label }
}

@Suite("Event validation")
struct EventValidatorTests {
    let validator: EventValidator

    init() throws {
        validator = EventValidator(catalogue: try CatalogueLoader.load(directory: Fixture.catalogue("good")))
    }

    static let malformed: [(Record, RejectionCode)] = [
        (Record.household().header("ce_id", nil).named("no ce_id"), .missingHeader),
        (Record.household().header("ce_source", "").named("empty ce_source"), .missingHeader),
        (Record.household().header("ce_specversion", nil).named("no ce_specversion"), .missingHeader),
        (Record.household().header("ce_time", nil).named("no ce_time"), .missingHeader),
        (Record.household().header("content-type", nil).named("upsert without content-type"), .missingHeader),
        (Record.household().appending(EnvelopeHeader(name: "ce_type", text: "marriage.upserted")).named("two ce_type"), .duplicateHeader),
        (Record.household().header("ce_subject", nil).appending(EnvelopeHeader(name: "ce_subject", value: [0xFF, 0xFE]))
            .named("non-UTF-8 ce_subject"), .badHeader),
        (Record.household().header("ce_specversion", "0.3").named("specversion 0.3"), .badSpecVersion),
        (Record.household().header("ce_type", "household-registration.updated").named("unknown action"), .badType),
        (Record.household().header("ce_type", "household-registration").named("type without action"), .badType),
        (Record.household().header("ce_type", "Household_Registration.upserted").named("theme not kebab-case"), .badType),
        (Record.household().header("ce_time", "2024-05-01 08:30:00+08:00").named("time with a space"), .badTime),
        (Record.household().header("ce_time", "2024-02-30T08:30:00Z").named("time on Feb 30"), .badTime),
        (Record.household().header("ce_time", "2024-05-01T08:30:00").named("time without offset"), .badTime),
        (Record.household().header("ce_sequence", "-1").named("negative sequence"), .badSequence),
        (Record.household().header("ce_sequence", "007").named("sequence with leading zeros"), .badSequence),
        (Record.household().header("ce_sequence", "99999999999999999999").named("sequence beyond Int64"), .badSequence),
        (Record.household().header("ce_sequence", "4.2").named("fractional sequence"), .badSequence),
        (Record.household().header("content-type", "text/plain").named("text content-type"), .badContentType),
        (Record.household().key(nil).named("no key"), .missingKey),
        (Record.household().key("").named("empty key"), .missingKey),
        (Record.household().key(Record.otherPerson).named("key differs from ce_subject"), .keyMismatch),
        (Record.household().subject(Record.otherPerson).named("row key differs from ce_subject"), .keyMismatch),
        (Record.make(theme: "household-registration", action: "deleted", source: "public-security",
                     subject: Record.person, value: "{}").named("delete with value"), .deleteWithValue),
        (Record.household().value("").named("upsert without value"), .emptyUpsert),
        (Record.household().header("ce_type", "pets.upserted").named("unknown theme"), .unknownTheme),
        (Record.household().header("ce_source", "ministry-of-magic").named("unknown source"), .unknownSource),
        (Record.household().header("ce_source", "civil-affairs").named("second source (one data, one source)"), .notAuthoritative),
        (Record.household().value("citizen_id=1").named("not JSON"), .invalidJSON),
        (Record.household().value(#"{"citizen_id":"11010519491231002X""#).named("truncated JSON"), .invalidJSON),
        (Record.household().value(#"["11010519491231002X"]"#).named("JSON array"), .notAnObject),
        (Record.household(#"{"citizen_id":"11010519491231002X","name":{"zh":"张三"}}"#).named("nested object"), .nestedValue),
        (Record.household(#"{"citizen_id":"11010519491231002X","name":"a","name":"b"}"#).named("field twice"), .duplicateKey),
        (Record.household(#"{"citizen_id":"11010519491231002X","sex":"male","birth_date":"1949-12-31","district":"yuexiu"}"#)
            .named("required field absent"), .missingField),
        (Record.household(#"{"citizen_id":"11010519491231002X","name":null,"sex":"male","birth_date":"1949-12-31","district":"yuexiu"}"#)
            .named("required field null"), .missingField),
        (Record.household(#"{"citizen_id":"11010519491231002X","name":"张三","sex":"male","birth_date":"1949-12-31","district":"yuexiu","pet":"cat"}"#)
            .named("undeclared field"), .unknownField),
        (Record.household(#"{"citizen_id":"11010519491231002X","name":7}"#).named("number for a string"), .wrongType),
        (Record.household(#"{"citizen_id":"11010519491231002X","household_size":"3"}"#).named("string for an integer"), .wrongType),
        (Record.household(#"{"citizen_id":"11010519491231002X","household_size":3.5}"#).named("fraction for an integer"), .wrongType),
        (Record.household(#"{"citizen_id":"11010519491231002X","household_size":3e2}"#).named("exponent for an integer"), .wrongType),
        (Record.household(#"{"citizen_id":"11010519491231002X","birth_date":"1949-02-30"}"#).named("impossible date"), .wrongType),
        (Record.household(#"{"citizen_id":"11010519491231002X","birth_date":"19491231"}"#).named("date without dashes"), .wrongType),
        (Record.household(#"{"citizen_id":"11010519491231002X","registered_at":"yesterday"}"#).named("datetime not RFC 3339"), .wrongType),
        (Record.enterprise(active: #""yes""#).named("string for a boolean"), .wrongType),
        (Record.enterprise(#","registered_capital":"12.5x""#).named("non-numeric decimal string"), .wrongType),
        (Record.enterprise(#","registered_capital":true"#).named("boolean for a decimal"), .wrongType),
        (Record.household(#"{"citizen_id":"11010519491231002X","sex":"unknown"}"#).named("value outside the enum"), .badEnum),
        (Record.household(#"{"citizen_id":"11010519491231002X","sex":1}"#).named("number outside the enum"), .badEnum),
        (Record.household().subject("110105194912310021").named("subject with a wrong check digit"), .badCitizenID),
        (Record.enterprise(#","legal_representative_id":"11010519491231002x""#).named("lowercase x in a citizen-id field"), .badCitizenID),
        (Record.enterprise().subject("914403001922038217").named("subject with a wrong credit code"), .badCreditCode),
        (Record.make(theme: "enterprise-registration", action: "deleted", source: "market-regulation",
                     subject: "91440300192203821", value: "").named("delete of a short credit code"), .badCreditCode),
        (Record.household(#"{"citizen_id":11010519491231002}"#).named("number for a citizen-id"), .wrongType),
        (Record.household().header("ce_id", String(repeating: "x", count: 513)).named("over-long ce_id"), .headerTooLong),
        (Record.household("{" + (0...Row.maximumMembers).map { "\"m\($0)\":0" }.joined(separator: ",") + "}")
            .named("more members than a row may have"), .tooManyMembers),
    ]

    @Test(arguments: malformed)
    func rejectsWithReason(_ record: Record, code: RejectionCode) {
        do {
            let accepted = try validator.validate(key: record.key, headers: record.headers, value: record.value)
            Issue.record("accepted \(accepted.event.id), expected \(code)")
        } catch {
            #expect(error.code == code, "\(error)")
            #expect(!error.message.isEmpty)
        }
    }

    @Test func tableIsLargeAndCoversEveryCode() {
        #expect(Self.malformed.count >= 25)
        #expect(Set(Self.malformed.map(\.1)) == Set(RejectionCode.all))
    }

    @Test func acceptsAValidUpsertAndReturnsItsRow() throws {
        let record = Record.household(#"{"citizen_id":"11010519491231002X","name":"张三","sex":"male","birth_date":"1949-12-31","district":"yuexiu","address":null,"household_size":-3,"registered_at":"2024-05-01T08:30:00Z"}"#)
        let result = try validator.validate(key: record.key, headers: record.headers, value: record.value)
        #expect(result.event.theme == "household-registration")
        #expect(result.event.sequence == 42)
        #expect(result.row?["household_size"] == .number("-3"))
        #expect(result.row?["address"] == .null)
    }

    @Test func acceptsDecimalsAsNumbersOrNumericStrings() throws {
        for fields in [#","registered_capital":12.50"#, #","registered_capital":"12.50""#, #","registered_capital":"-1e9""#] {
            let record = Record.enterprise(fields)
            let row = try validator.validate(key: record.key, headers: record.headers, value: record.value).row
            #expect(row?["registered_capital"] != nil)
        }
    }

    @Test func acceptsADeleteWithoutRow() throws {
        let record = Record.make(theme: "marriage", action: "deleted", source: "civil-affairs", subject: Record.person, value: "")
        let result = try validator.validate(key: record.key, headers: record.headers, value: record.value)
        #expect(result.row == nil)
        #expect(result.event.action == .deleted)
    }

    @Test func validatesEventsBuiltInCode() throws {
        let event = ChangeEvent.upsert(id: "mr-1", source: "market-regulation", theme: "enterprise-registration",
                                       subject: Record.enterprise, time: "2024-05-01T00:00:00Z", sequence: 0,
                                       row: ["credit_code": .string(Record.enterprise), "name": "华为", "active": true])
        #expect(try validator.validate(event)?["active"] == .bool(true))
        var wrongKey = event
        wrongKey.key = "x"
        #expect(throws: EventRejection.self) { try validator.validate(wrongKey) }
        var negative = event
        negative.sequence = -1
        #expect { try validator.validate(negative) } throws: { ($0 as? EventRejection)?.code == .badSequence }
    }

    @Test func messagesNameTheFieldAndWhatWasExpected() {
        let cases: [(Record, String)] = [
            (Record.household(#"{"citizen_id":"11010519491231002X","sex":"unknown"}"#),
             "field 'sex' is 'unknown' but must be one of: male, female"),
            (Record.household(#"{"citizen_id":"11010519491231002X","household_size":3.5}"#),
             "field 'household_size' is integer and must be an integer (a JSON number without fraction or exponent, within 64 bits), but the row has a number 3.5"),
            (Record.household().subject("110105194912310021"),
             "ce_subject: check character (18) is '1' but characters 1-17 give 'X'"),
            (Record.household().header("ce_source", "civil-affairs"),
             "ce_source 'civil-affairs' may not publish theme 'household-registration'; its one authoritative provider is 'public-security'"),
        ]
        for (record, message) in cases {
            do {
                _ = try validator.validate(key: record.key, headers: record.headers, value: record.value)
                Issue.record("accepted, expected: \(message)")
            } catch {
                #expect(error.message == message)
            }
        }
    }
}
