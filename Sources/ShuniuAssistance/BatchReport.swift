/// The outcome of a batch of checks, as the seeds report it: cases, found ineligible, the
/// detection rate, reasons; and, when the known results are given, how the findings compare.
public struct BatchReport: Sendable, Hashable {
    /// Households checked.
    public var cases = 0
    /// Found ineligible.
    public var ineligible = 0
    /// Could not be fully checked and no reason found.
    public var incomplete = 0
    /// Per rule, households failing it.
    public var byRule: [String: Int] = [:]
    /// With known results: found ineligible and known ineligible.
    public var agreedIneligible = 0
    /// With known results: found ineligible but known eligible (or needs-review).
    public var extra: [String] = []
    /// With known results: known ineligible but not found.
    public var missed: [String] = []
    /// Applications with a known result.
    public var known = 0

    /// An empty report.
    public init() {}

    /// Ineligible / cases, in percent.
    public var detectionRate: Double { cases == 0 ? 0 : Double(ineligible) * 100 / Double(cases) }

    /// Adds one checked application.
    public mutating func add(_ application: HouseholdApplication, _ verdict: Verdict) {
        cases += 1
        if verdict.result == "ineligible" { ineligible += 1 }
        if verdict.result == "incomplete" { incomplete += 1 }
        for rule in Set(verdict.findings.map(\.rule)) { byRule[rule, default: 0] += 1 }
        guard let expected = application.expected else { return }
        known += 1
        let name = application.requestNumber ?? application.members.joined(separator: ";")
        switch (verdict.result == "ineligible", expected == "ineligible") {
        case (true, true): agreedIneligible += 1
        case (true, false): extra.append(name)
        case (false, true): missed.append(name)
        case (false, false): break
        }
    }
}
