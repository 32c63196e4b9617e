/// The shared resource catalogue (共享目录): districts, departments, themes and the arbitration body.
///
/// A plain value: load it with ``CatalogueLoader`` from `topics/`, or build one in code for tests.
/// Lookups by id are dictionary lookups; the arrays keep the order they were given in.
public struct Catalogue: Sendable, Hashable {
    /// The city's districts.
    public let districts: [District]
    /// Every department connected to the hub.
    public let departments: [Department]
    /// Every theme, sorted by id.
    public let themes: [Theme]
    /// The joint arbitration body.
    public let arbitration: ArbitrationBody
    /// The e-licence types (`licences/*.yaml`), sorted by id.
    public let licenceTypes: [LicenceType]
    /// The investigative functions whose grants may declare a notice delay: the subject's
    /// data use record shows a delivery or read under such a grant only after the delay
    /// (as Estonia withholds covert investigations from its Data Tracker).
    public let noticeDelayFunctions: [String]
    /// The longest notice delay a grant may declare, in days.
    public static let maximumNoticeDelayDays = 730

    private let themeIndex: [String: Int]
    private let departmentIndex: [String: Int]
    private let districtIndex: [String: Int]

    /// Creates a catalogue. Later duplicates of an id are ignored by the lookups;
    /// ``CatalogueChecker`` reports them when the catalogue comes from files.
    public init(districts: [District], departments: [Department], themes: [Theme],
                arbitration: ArbitrationBody, licenceTypes: [LicenceType] = [], noticeDelayFunctions: [String] = []) {
        self.noticeDelayFunctions = noticeDelayFunctions
        self.districts = districts
        self.departments = departments
        self.themes = themes.sorted { $0.id < $1.id }
        self.arbitration = arbitration
        self.licenceTypes = licenceTypes.sorted { $0.id < $1.id }
        themeIndex = Self.index(self.themes.map(\.id))
        departmentIndex = Self.index(departments.map(\.id))
        districtIndex = Self.index(districts.map(\.id))
    }

    private static func index(_ ids: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, id) in ids.enumerated() where index[id] == nil {
            index[id] = position
        }
        return index
    }

    /// The theme with an id.
    public func theme(_ id: String) -> Theme? { themeIndex[id].map { themes[$0] } }

    /// The licence type with an id.
    public func licenceType(_ id: String) -> LicenceType? { licenceTypes.first { $0.id == id } }

    /// The department with an id.
    public func department(_ id: String) -> Department? { departmentIndex[id].map { departments[$0] } }

    /// The district with an id.
    public func district(_ id: String) -> District? { districtIndex[id].map { districts[$0] } }

    /// The themes a department is the authoritative provider of.
    public func themes(providedBy departmentID: String) -> [Theme] {
        themes.filter { $0.provider == departmentID }
    }

    /// The departments that hold a legal function.
    public func departments(holding function: String) -> [Department] {
        departments.filter { $0.holds(function) }
    }

    /// Two catalogues are equal when their contents are.
    public static func == (lhs: Catalogue, rhs: Catalogue) -> Bool {
        lhs.districts == rhs.districts && lhs.departments == rhs.departments
            && lhs.themes == rhs.themes && lhs.arbitration == rhs.arbitration && lhs.licenceTypes == rhs.licenceTypes
    }

    /// Hashes the contents.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(districts)
        hasher.combine(departments)
        hasher.combine(themes)
        hasher.combine(arbitration)
        hasher.combine(licenceTypes)
    }
}
