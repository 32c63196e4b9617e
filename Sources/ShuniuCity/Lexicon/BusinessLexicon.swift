/// An industry (GB/T 4754-2017) with the words used in names and business scopes.
struct Industry: Sendable {
    /// The class code, e.g. `I6513`.
    let code: String
    /// The word in an enterprise name, e.g. 科技.
    let word: String
    /// A business scope.
    let scope: String
    /// A sole trader's shop word, e.g. 餐饮店.
    let shop: String
}

/// Words for enterprise and organisation names.
enum BusinessLexicon {
    static let industries: [Industry] = [
        Industry(code: "F5191", word: "贸易", scope: "日用百货销售；五金产品批发；货物进出口", shop: "百货店"),
        Industry(code: "I6513", word: "科技", scope: "软件开发；信息技术咨询服务；数据处理服务", shop: "电脑维修部"),
        Industry(code: "H6210", word: "餐饮", scope: "餐饮服务；食品经营", shop: "餐饮店"),
        Industry(code: "E4710", word: "建筑工程", scope: "房屋建筑和市政基础设施项目工程总承包；建筑劳务分包", shop: "装修工作室"),
        Industry(code: "C3979", word: "电子", scope: "电子元器件制造；电子产品销售", shop: "电器行"),
        Industry(code: "L7243", word: "企业管理咨询", scope: "企业管理咨询；市场营销策划", shop: "咨询服务部"),
        Industry(code: "K7010", word: "房地产开发", scope: "房地产开发经营；物业管理", shop: "地产中介部"),
        Industry(code: "G5430", word: "物流", scope: "道路货物运输（不含危险货物）；普通货物仓储服务", shop: "货运部"),
        Industry(code: "M7517", word: "生物科技", scope: "生物技术推广服务；技术开发、技术转让", shop: "科技服务部"),
        Industry(code: "C1819", word: "服饰", scope: "服装制造；服装服饰零售", shop: "服装店"),
        Industry(code: "F5263", word: "汽车配件", scope: "汽车零配件零售；汽车装饰用品销售", shop: "汽配店"),
        Industry(code: "O8010", word: "家政服务", scope: "家政服务；养老服务", shop: "家政服务部"),
        Industry(code: "R8870", word: "文化传播", scope: "组织文化艺术交流活动；广告设计、代理", shop: "文印店"),
        Industry(code: "C2720", word: "医药", scope: "药品生产；第二类医疗器械销售", shop: "药店"),
        Industry(code: "F5223", word: "食品", scope: "食品销售；农副产品销售", shop: "副食店"),
    ]

    /// Trade-name characters (字号) combined in pairs.
    static let tradeNames = Array("恒达宏信华盛鑫源瑞丰泰合嘉禾金穗粤海南方珠江越秀羊城新锐博雅康宁兴隆聚福永安天禾卓越星辉")

    /// Enterprise types (企业类型) with weights.
    static let enterpriseTypes = WeightedChoice<Int>([(0, 60), (1, 15), (2, 8), (3, 4), (4, 8), (5, 5)])
    static let enterpriseTypeNames = ["有限责任公司（自然人投资或控股）", "有限责任公司（法人独资）", "股份有限公司（非上市、自然人投资或控股）",
                                      "有限责任公司（外国法人独资）", "个人独资企业", "合伙企业"]
    static let enterpriseSuffixes = ["有限公司", "有限公司", "股份有限公司", "有限公司", "经营部", "合伙企业（有限合伙）"]

    /// Public institutions (事业单位) name patterns: prefix 广州市 + district name + one of these.
    static let institutionNames = ["人民医院", "第一中学", "实验小学", "中心幼儿园", "疾病预防控制中心", "图书馆", "档案馆",
                                   "妇幼保健院", "职业技术学校", "公证处", "文化馆", "社区卫生服务中心", "环境监测站", "青少年宫"]

    /// Social organisations: name stem and catalogue type.
    static let organisationNames: [(String, String)] = [
        ("餐饮行业协会", "social-group"), ("软件行业协会", "social-group"), ("物流商会", "social-group"),
        ("摄影家协会", "social-group"), ("社会工作服务中心", "private-non-enterprise-unit"),
        ("养老服务中心", "private-non-enterprise-unit"), ("青少年发展基金会", "foundation"),
        ("慈善基金会", "foundation"), ("民办培训学校", "private-non-enterprise-unit"), ("志愿者协会", "social-group"),
    ]

    /// Business supervisors of social organisations.
    static let supervisors = ["广州市民政局", "广州市商务局", "广州市文化广电旅游局", "广州市科学技术局", "广州市教育局"]

    /// Government bodies that decide licences and penalties (not counted as entities of `--entities`).
    static let authorities = ["广州市市场监督管理局", "广州市生态环境局", "广州市城市管理和综合执法局", "广州市应急管理局",
                              "广州市卫生健康委员会", "广州市交通运输局", "广州市住房和城乡建设局", "广州市规划和自然资源局",
                              "广州市人力资源和社会保障局", "广州市文化广电旅游局", "广州市公安局", "广州市消防救援支队"]
}
