/// The 14 key domains (重点领域) of the Guangzhou government open-data platform, under which
/// every dataset is filed.
///
/// The seed (广州 2016, 应用三) names six of them — 经济发展, 城市建设, 道路交通, 教育科技,
/// 民生服务, 企业服务 — "and others, 14 key domains". The other eight are taken from the
/// high-value classes Lu'an's plan lists for opening first (企业法人, 金融税收, 人口资源,
/// 地理空间, 医疗卫生, 统计, 社会信用, 交通和基础设施, 能源环境) and from the hub's own themes.
public struct OpenDomain: Sendable, Hashable, Identifiable {
    /// Kebab-case id.
    public let id: String
    /// Chinese name.
    public let zh: String
    /// English name.
    public let en: String
    /// Whether the seed names the domain itself (the rest are inferred, see the type's docs).
    public let namedInSeed: Bool

    /// Every domain, in the platform's order.
    public static let all: [OpenDomain] = [
        OpenDomain(id: "economic-development", zh: "经济发展", en: "Economic development", namedInSeed: true),
        OpenDomain(id: "urban-construction", zh: "城市建设", en: "Urban construction", namedInSeed: true),
        OpenDomain(id: "road-transport", zh: "道路交通", en: "Roads and transport", namedInSeed: true),
        OpenDomain(id: "education-science", zh: "教育科技", en: "Education and science", namedInSeed: true),
        OpenDomain(id: "livelihood-services", zh: "民生服务", en: "Livelihood services", namedInSeed: true),
        OpenDomain(id: "enterprise-services", zh: "企业服务", en: "Enterprise services", namedInSeed: true),
        OpenDomain(id: "population", zh: "人口资源", en: "Population", namedInSeed: false),
        OpenDomain(id: "health", zh: "医疗卫生", en: "Health", namedInSeed: false),
        OpenDomain(id: "social-security", zh: "社会保障", en: "Social security", namedInSeed: false),
        OpenDomain(id: "credit", zh: "社会信用", en: "Social credit", namedInSeed: false),
        OpenDomain(id: "finance-tax", zh: "金融税收", en: "Finance and tax", namedInSeed: false),
        OpenDomain(id: "resources-environment", zh: "资源环境", en: "Resources and environment", namedInSeed: false),
        OpenDomain(id: "institutions", zh: "机构团体", en: "Institutions and organisations", namedInSeed: false),
        OpenDomain(id: "public-safety", zh: "公共安全", en: "Public safety", namedInSeed: false),
    ]

    /// The domain with an id.
    public static func named(_ id: String) -> OpenDomain? { all.first { $0.id == id } }
}
