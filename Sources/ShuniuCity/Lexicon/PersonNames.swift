import ShuniuModel

/// Chinese personal names: common surnames weighted by their frequency in Guangdong, and given
/// names of one or two characters drawn from pools that differ by sex.
enum PersonNames {
    /// Surnames with weights (per mille, roughly as in Guangdong).
    static let surnames = WeightedChoice<String>([
        ("陈", 92), ("李", 60), ("黄", 58), ("张", 42), ("梁", 38), ("林", 36), ("刘", 35), ("吴", 30),
        ("罗", 26), ("何", 25), ("郑", 22), ("杨", 22), ("谢", 20), ("郭", 18), ("冯", 17), ("曾", 17),
        ("邓", 16), ("周", 15), ("叶", 15), ("苏", 14), ("卢", 14), ("蔡", 13), ("潘", 12), ("麦", 11),
        ("朱", 11), ("钟", 11), ("徐", 10), ("许", 10), ("彭", 9), ("马", 9), ("胡", 9), ("黎", 9),
        ("余", 8), ("赖", 8), ("区", 7), ("谭", 7), ("江", 7), ("邱", 7), ("温", 6), ("方", 6),
        ("袁", 6), ("孙", 6), ("王", 12), ("赵", 5), ("高", 5), ("莫", 5), ("严", 4), ("关", 5),
        ("伍", 4), ("欧阳", 3), ("司徒", 2), ("邝", 3), ("汤", 3), ("廖", 6), ("容", 2), ("简", 2),
    ])

    private static let male = Array("伟强俊杰浩明志建文军斌华健辉峰涛鹏宇晨子轩睿博家嘉永国海锦荣泽成龙昊德新兴耀振权汉敬豪炜铭智勇")
    private static let female = Array("丽芳敏静婷燕玲娟霞慧欣怡雅琳佳颖诗淑梅秀凤晓雪美嘉思彤琪萍碧凤妍蕾倩瑶婉珊洁莹晶咏")

    /// A given name for a sex: two characters, or one (one time in six).
    static func givenName(_ sex: Sex, _ random: inout CityRandom) -> String {
        let pool = sex == .male ? male : female
        let first = random.pick(pool)
        guard !random.chance(1.0 / 6.0) else { return String(first) }
        var second = random.pick(pool)
        if second == first { second = random.pick(pool) }
        return String(first) + String(second)
    }

    /// A full name: surname then given name.
    static func fullName(surname: String, sex: Sex, _ random: inout CityRandom) -> String {
        surname + givenName(sex, &random)
    }

    /// A full name with a freshly drawn surname.
    static func fullName(_ sex: Sex, _ random: inout CityRandom) -> String {
        fullName(surname: surnames.draw(&random), sex: sex, &random)
    }

    /// The surname of a full name (compound surnames included).
    static func surname(of name: String) -> String {
        for compound in ["欧阳", "司徒"] where name.hasPrefix(compound) { return compound }
        return String(name.prefix(1))
    }
}
