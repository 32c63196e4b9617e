import Foundation
import ShuniuKafka
import ShuniuModel
import ShuniuRouter
import ShuniuStreams

/// A reproducible pseudo-random source for scenarios (SplitMix64).
struct ScenarioRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func chance(_ percent: Int) -> Bool { int(0..<100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }
}

/// Builds valid random change events for catalogue themes, and grants over them.
struct RoutingScenario {
    static let catalogue: Catalogue = try! CatalogueLoader.load(directory: TestBroker.root.appendingPathComponent("topics"))
    static let districts = ["panyu", "tianhe", "liwan"]

    var random: ScenarioRandom
    var sequences: [String: Int64] = [:]
    let persons: [String]
    /// Per department and identifier kind, whether its grants mask identifiers (the first
    /// application decides), so the applications pass the mask consistency rule.
    var identifierMasking: [String: Bool] = [:]

    init(seed: UInt64, subjects: Int) {
        random = ScenarioRandom(seed: seed)
        persons = (0..<subjects).map { CitizenID.make(region: "440113", year: 1950 + $0 % 60, month: 1 + $0 % 12, day: 1 + $0 % 28,
                                                      sequence: 100 + $0 % 800).value }
    }

    /// A random valid upsert (or, sometimes, a delete) of `theme`.
    mutating func event(_ theme: Theme, deletes: Bool = true) -> ChangeEvent {
        let subject = random.pick(persons)
        let sequence = (sequences["\(theme.id)/\(subject)"] ?? 0) + 1
        sequences["\(theme.id)/\(subject)"] = sequence
        let id = "\(theme.id)/\(subject)/\(sequence)"
        let time = "2025-0\(random.int(1..<10))-1\(random.int(0..<10))T08:00:00Z"
        if deletes && random.chance(5) {
            return .delete(id: id, source: theme.provider, theme: theme.id, subject: subject, time: time, sequence: sequence)
        }
        var row = Row()
        for field in theme.fields where field.required || random.chance(60) {
            row[field.name] = field.name == theme.subject.key ? .string(subject) : value(for: field)
        }
        return .upsert(id: id, source: theme.provider, theme: theme.id, subject: subject, time: time, sequence: sequence, row: row)
    }

    mutating func value(for field: FieldSpec) -> JSONScalar {
        if field.name == "district" { return .string(random.pick(Self.districts)) }
        switch field.type {
        case .string: return .string("值-\(random.int(0..<1000))")
        case .integer: return .number(String(random.int(0..<100_000)))
        case .decimal: return .number("\(random.int(0..<100_000)).\(random.int(10..<100))")
        case .boolean: return .bool(random.chance(50))
        case .date: return .string("20\(random.int(10..<25))-0\(random.int(1..<10))-1\(random.int(0..<10))")
        case .datetime: return .string("2024-05-0\(random.int(1..<10))T10:00:00Z")
        case .enum: return .string(random.pick(field.values ?? [""]))
        case .citizenID: return .string(random.pick(persons))
        case .creditCode: return .string(CreditCode.make(authority: "9", kind: "1", region: "440101", organisationBase: "MA59\(random.int(1000..<9999))").value)
        }
    }

    /// A random application that passes the compliance check: an entitled department, a field
    /// subset, masks, maybe a district scope (always its own district for a district body, which
    /// never gets a secret field in clear), identifiers masked all or none per department.
    mutating func application(_ theme: Theme, excluding: Set<String>) -> GrantApplication? {
        let candidates = Self.catalogue.departments.filter { department in
            !excluding.contains(department.id) && department.functions.contains(where: theme.entitles)
                && (department.kind != .district || theme.field("district") != nil)
        }
        guard !candidates.isEmpty else { return nil }
        let department = random.pick(candidates)
        let function = department.functions.first(where: theme.entitles)!
        let others = theme.fields.map(\.name).filter { $0 != theme.subject.key }
        var fields = others.filter { _ in random.chance(50) }
        if fields.isEmpty { fields = [random.pick(others)] }
        var masks: [String: String] = [:]
        if random.chance(60) { masks[theme.subject.key] = random.pick(["partial", "pseudonym", "partial:3:2"]) }
        for field in fields where random.chance(25) { masks[field] = random.pick(["drop", "pseudonym", "partial:1:1"]) }
        var scope: [String: [String]] = [:]
        if theme.field("district") != nil && random.chance(60) {
            scope["district"] = Array(Self.districts.filter { _ in random.chance(50) }.prefix(2))
            if scope["district"]!.isEmpty { scope["district"] = ["panyu"] }
        }
        if department.kind == .district, let own = department.district {
            scope["district"] = [own]
            for field in fields where theme.field(field)?.sensitivity == .secret && masks[field] == nil { masks[field] = "pseudonym" }
        }
        for kind in IdentifierKind.allCases {
            let identifiers = theme.fields.filter { IdentifierKind($0) == kind && ($0.name == theme.subject.key || fields.contains($0.name)) }
            guard let first = identifiers.first else { continue }
            let masked = identifierMasking["\(department.id)/\(kind)"] ?? (masks[first.name] != nil && masks[first.name] != "drop")
            identifierMasking["\(department.id)/\(kind)"] = masked
            for field in identifiers where masks[field.name] != "drop" {
                masks[field.name] = masked ? (masks[field.name] ?? "pseudonym") : nil
            }
        }
        return GrantApplication(subscriber: department.id, theme: theme.id, function: function, basis: "依职能共享 \(theme.id)",
                                fields: fields + (masks[theme.subject.key] != nil ? [theme.subject.key] : []),
                                masks: masks, scope: scope)
    }
}
