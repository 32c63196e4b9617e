/// Schools, universities and majors for academic qualifications.
enum SchoolLexicon {
    /// Universities with their 5-digit institution codes.
    static let universities: [(name: String, code: String)] = [
        ("中山大学", "10558"), ("华南理工大学", "10561"), ("暨南大学", "10559"), ("华南师范大学", "10574"),
        ("广东工业大学", "11845"), ("广州大学", "11078"), ("广东外语外贸大学", "11846"), ("华南农业大学", "10564"),
        ("南方医科大学", "12121"), ("广州医科大学", "10570"), ("广东财经大学", "10592"), ("武汉大学", "10486"),
        ("湖南大学", "10532"),
    ]

    /// Vocational colleges (专科) with their codes.
    static let colleges: [(name: String, code: String)] = [
        ("广州番禺职业技术学院", "12059"), ("广东轻工职业技术学院", "10833"), ("广州城市职业学院", "14263"),
        ("广东科学技术职业学院", "12749"), ("广州铁路职业技术学院", "12714"),
    ]

    static let vocationalSchools = ["广州市轻工职业学校", "广州市交通运输职业学校", "广州市信息技术职业学校", "广州市旅游商务职业学校"]
    static let seniorSchools = ["广州市执信中学", "广东实验中学", "华南师范大学附属中学", "广州市第六中学", "广州市第二中学", "广州市第七中学",
                                "广州市第十六中学", "广州市育才中学"]
    static let majors = ["计算机科学与技术", "会计学", "临床医学", "法学", "汉语言文学", "土木工程", "市场营销", "英语", "电子信息工程",
                         "机械设计制造及其自动化", "护理学", "国际经济与贸易", "工商管理", "软件工程"]

    /// A primary or junior secondary school in a district.
    static func localSchool(_ level: EducationLevel, district: DistrictProfile, _ random: inout CityRandom) -> String {
        if level == .primary {
            return "广州市\(district.name)\(random.pick(["第一", "第二", "第三", "实验", "中心", "东风", "朝阳"]))小学"
        }
        return "广州市第\(random.int(1...89))中学"
    }
}
