/// Whose rows a theme holds and which field keys them.
public struct SubjectSpec: Sendable, Hashable, Codable {
    /// The kind of subject.
    public var kind: SubjectKind
    /// The name of the field that is the Kafka key and `ce_subject`.
    public var key: String

    /// Creates a subject specification.
    public init(kind: SubjectKind, key: String) {
        self.kind = kind
        self.key = key
    }
}

/// How a theme is shared.
public struct SharePolicy: Sendable, Hashable, Codable {
    /// The share type.
    public var type: ShareType
    /// For a conditional theme, the condition in words.
    public var condition: String?

    /// Creates a share policy.
    public init(type: ShareType, condition: String? = nil) {
        self.type = type
        self.condition = condition
    }
}

/// One field of a theme row.
public struct FieldSpec: Sendable, Hashable, Codable {
    /// Snake-case field name, the key in the row's JSON object.
    public var name: String
    /// The field's type.
    public var type: FieldType
    /// Whether every row must carry a non-null value.
    public var required: Bool
    /// How sensitive the field is.
    public var sensitivity: Sensitivity
    /// The allowed values of an enum field; `nil` for every other type.
    public var values: [String]?
    /// What the field means.
    public var description: String?

    /// Creates a field specification.
    public init(name: String, type: FieldType, required: Bool = false, sensitivity: Sensitivity,
                values: [String]? = nil, description: String? = nil) {
        self.name = name
        self.type = type
        self.required = required
        self.sensitivity = sensitivity
        self.values = values
        self.description = description
    }
}

/// A data theme of the shared resource catalogue: one `src.<id>` feed with one provider.
public struct Theme: Sendable, Hashable, Codable, Identifiable {
    /// Kebab-case id, also the suffix of `src.<id>` and `dlq.<id>`.
    public var id: String
    /// The theme's title.
    public var title: LocalizedName
    /// One line on what the theme holds.
    public var description: String?
    /// The catalogue class.
    public var themeClass: ThemeClass
    /// Whose rows these are and which field keys them.
    public var subject: SubjectSpec
    /// The single authoritative provider department's id (一数一源).
    public var provider: String
    /// How the theme may be shared.
    public var share: SharePolicy
    /// Whether the theme may be opened to the public.
    public var open: OpenType
    /// How often the provider promises to update it.
    public var update: UpdateFrequency
    /// Partitions of its `src.*` and `dlq.*` topics, 1...64.
    public var partitions: Int
    /// The legal functions entitled to receive it.
    public var functions: [String]
    /// The row's fields, in declaration order.
    public var fields: [FieldSpec]
    /// Extension headers (beyond the CloudEvents ones) the provider may set and subscribers
    /// receive (`headers:` in the theme file). Every other extension header is stripped from
    /// deliveries: a provider's own `x-...` headers are outside every grant's field filter.
    public var headers: [String]

    /// Creates a theme.
    public init(id: String, title: LocalizedName, description: String? = nil, themeClass: ThemeClass,
                subject: SubjectSpec, provider: String, share: SharePolicy, open: OpenType,
                update: UpdateFrequency, partitions: Int, functions: [String], fields: [FieldSpec],
                headers: [String] = []) {
        self.headers = headers
        self.id = id
        self.title = title
        self.description = description
        self.themeClass = themeClass
        self.subject = subject
        self.provider = provider
        self.share = share
        self.open = open
        self.update = update
        self.partitions = partitions
        self.functions = functions
        self.fields = fields
    }

    /// The field with a name, if the theme declares it.
    public func field(_ name: String) -> FieldSpec? { fields.first { $0.name == name } }

    /// The field that keys the rows.
    public var keyField: FieldSpec? { field(subject.key) }

    /// Whether a legal function is entitled to receive this theme.
    public func entitles(_ function: String) -> Bool { functions.contains(function) }
}
