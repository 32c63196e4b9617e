/// A name in Chinese and English.
public struct LocalizedName: Sendable, Hashable, Codable {
    /// The Chinese name, e.g. 市公安局.
    public var zh: String
    /// The English name, e.g. Municipal Public Security Bureau.
    public var en: String

    /// Creates a name from its two languages.
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
}

/// One of the city's districts; the values of a grant's `district = <id>` row scope.
public struct District: Sendable, Hashable, Codable, Identifiable {
    /// Kebab-case id, e.g. `panyu`.
    public var id: String
    /// The district's name.
    public var name: LocalizedName

    /// Creates a district.
    public init(id: String, name: LocalizedName) {
        self.id = id
        self.name = name
    }
}

/// A department connected to the hub: a provider, a subscriber, or both.
public struct Department: Sendable, Hashable, Codable, Identifiable {
    /// Kebab-case id, also the suffix of its subscriber topic `sub.<id>`.
    public var id: String
    /// The department's name.
    public var name: LocalizedName
    /// What kind of body it is.
    public var kind: DepartmentKind
    /// The district a district-level body is scoped to; `nil` for city-wide bodies.
    public var district: String?
    /// Its legal functions (职能), kebab-case ids; themes are shared by function.
    public var functions: [String]

    /// Creates a department.
    public init(id: String, name: LocalizedName, kind: DepartmentKind = .government,
                district: String? = nil, functions: [String]) {
        self.id = id
        self.name = name
        self.kind = kind
        self.district = district
        self.functions = functions
    }

    /// Whether the department holds a legal function.
    public func holds(_ function: String) -> Bool { functions.contains(function) }
}

/// The joint arbitration body that settles disputes over refused applications.
public struct ArbitrationBody: Sendable, Hashable, Codable, Identifiable {
    /// Kebab-case id.
    public var id: String
    /// The body's name.
    public var name: LocalizedName
    /// The member departments' ids.
    public var members: [String]

    /// Creates an arbitration body.
    public init(id: String, name: LocalizedName, members: [String]) {
        self.id = id
        self.name = name
        self.members = members
    }
}
