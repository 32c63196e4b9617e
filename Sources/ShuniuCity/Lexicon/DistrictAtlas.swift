/// Guangzhou's districts as the generator knows them: region code (GB/T 2260), name,
/// subdistricts (街道/镇), roads and relative population.
struct DistrictProfile: Sendable {
    /// The catalogue's district id, e.g. `tianhe`.
    let id: String
    /// The 6-digit administrative region code, e.g. `440106`.
    let region: String
    /// The Chinese name, e.g. 天河区.
    let name: String
    /// Subdistricts and towns.
    let subdistricts: [String]
    /// Roads, for addresses.
    let roads: [String]
    /// Resident population in 10k (2020 census), the weight of the district.
    let population: Int

    /// The police station of a subdistrict, e.g. 天河南派出所.
    func policeStation(_ subdistrict: Int) -> String {
        var stem = subdistricts[subdistrict]
        if stem.hasSuffix("街道") { stem = String(stem.dropLast(2)) } else if stem.hasSuffix("镇") { stem = String(stem.dropLast()) }
        return stem + "派出所"
    }
}

/// The districts of Guangzhou.
enum DistrictAtlas {
    /// Every district the generator can place people and organisations in.
    static let all: [DistrictProfile] = [
        DistrictProfile(id: "yuexiu", region: "440104", name: "越秀区",
                        subdistricts: ["北京街道", "东山街道", "农林街道", "梅花村街道", "华乐街道", "建设街道", "大塘街道", "流花街道"],
                        roads: ["中山四路", "北京路", "东风东路", "环市东路", "解放北路", "农林下路", "寺右新马路", "越秀南路"], population: 104),
        DistrictProfile(id: "liwan", region: "440103", name: "荔湾区",
                        subdistricts: ["沙面街道", "华林街道", "逢源街道", "多宝街道", "昌华街道", "中南街道", "东漖街道", "花地街道"],
                        roads: ["上下九路", "康王中路", "中山八路", "芳村大道", "龙津西路", "黄沙大道", "恩宁路", "花地大道"], population: 124),
        DistrictProfile(id: "haizhu", region: "440105", name: "海珠区",
                        subdistricts: ["赤岗街道", "新港街道", "滨江街道", "江南中街道", "昌岗街道", "琶洲街道", "南洲街道", "江海街道"],
                        roads: ["江南大道中", "新港中路", "工业大道", "宝岗大道", "南洲路", "滨江东路", "昌岗中路", "广州大道南"], population: 181),
        DistrictProfile(id: "tianhe", region: "440106", name: "天河区",
                        subdistricts: ["天河南街道", "林和街道", "石牌街道", "五山街道", "员村街道", "车陂街道", "猎德街道", "冼村街道"],
                        roads: ["天河路", "体育东路", "天河北路", "黄埔大道西", "中山大道西", "花城大道", "珠江东路", "员村二横路"], population: 224),
        DistrictProfile(id: "baiyun", region: "440111", name: "白云区",
                        subdistricts: ["三元里街道", "景泰街道", "同和街道", "京溪街道", "永平街道", "嘉禾街道", "新市街道", "石井街道"],
                        roads: ["白云大道北", "广园中路", "机场路", "云城东路", "同和路", "石井大道", "黄石东路", "京溪路"], population: 374),
        DistrictProfile(id: "huangpu", region: "440112", name: "黄埔区",
                        subdistricts: ["黄埔街道", "鱼珠街道", "大沙街道", "红山街道", "萝岗街道", "夏港街道", "长洲街道", "联和街道"],
                        roads: ["黄埔东路", "大沙地东路", "开创大道", "科学大道", "香雪大道", "开发大道", "港湾路", "蟹山路"], population: 120),
        DistrictProfile(id: "panyu", region: "440113", name: "番禺区",
                        subdistricts: ["市桥街道", "沙头街道", "东环街道", "桥南街道", "大石街道", "洛浦街道", "小谷围街道", "钟村街道"],
                        roads: ["番禺大道北", "清河东路", "光明北路", "富华西路", "繁华路", "市广路", "迎宾路", "汉溪大道"], population: 265),
        DistrictProfile(id: "huadu", region: "440114", name: "花都区",
                        subdistricts: ["新华街道", "新雅街道", "秀全街道", "花城街道", "炭步镇", "赤坭镇", "狮岭镇", "花东镇"],
                        roads: ["新华路", "凤凰北路", "迎宾大道", "公益路", "云山大道", "天贵路", "龙珠路", "秀全大道"], population: 164),
        DistrictProfile(id: "nansha", region: "440115", name: "南沙区",
                        subdistricts: ["南沙街道", "珠江街道", "龙穴街道", "黄阁镇", "横沥镇", "东涌镇", "大岗镇", "榄核镇"],
                        roads: ["进港大道", "环市大道", "海滨路", "金隆路", "黄阁大道", "凤凰大道", "蕉门路", "丰泽东路"], population: 85),
        DistrictProfile(id: "conghua", region: "440117", name: "从化区",
                        subdistricts: ["街口街道", "城郊街道", "江埔街道", "温泉镇", "太平镇", "良口镇", "吕田镇", "鳌头镇"],
                        roads: ["河滨北路", "青云路", "新城东路", "中田路", "从城大道", "温泉东路", "江埔路", "太平大道"], population: 72),
        DistrictProfile(id: "zengcheng", region: "440118", name: "增城区",
                        subdistricts: ["荔城街道", "增江街道", "朱村街道", "永宁街道", "新塘镇", "石滩镇", "中新镇", "派潭镇"],
                        roads: ["府佑路", "荔景大道", "增城大道", "新塘大道", "广深大道", "永宁大道", "朱村大道", "荔乡路"], population: 147),
    ]

    /// The profile of a district id, if the generator knows it.
    static func profile(_ id: String) -> DistrictProfile? { all.first { $0.id == id } }
}
