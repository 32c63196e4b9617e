/// Draws districts and street addresses.
struct PlaceDrawing: Sendable {
    /// The city's districts.
    let districts: [DistrictProfile]
    private let byPopulation: WeightedChoice<Int>

    init(districts: [DistrictProfile]) {
        self.districts = districts
        byPopulation = WeightedChoice(districts.indices.map { ($0, districts[$0].population) })
    }

    /// A district drawn by population.
    func district(_ random: inout CityRandom) -> Int { byPopulation.draw(&random) }

    /// A district drawn by population, different from `other` when there are several.
    func district(_ random: inout CityRandom, avoiding other: Int) -> Int {
        guard districts.count > 1 else { return other }
        var drawn = district(&random)
        while drawn == other { drawn = district(&random) }
        return drawn
    }

    /// A flat in a residential building, e.g. 广州市天河区体育东路123号5栋1502房.
    func home(in district: Int, _ random: inout CityRandom) -> Place {
        let profile = districts[district]
        let subdistrict = random.below(profile.subdistricts.count)
        let road = profile.roads[random.below(profile.roads.count)]
        let address = "广州市\(profile.name)\(road)\(random.int(1...399))号\(random.int(1...18))栋\(random.int(1...32))\(String(format2: random.int(1...8)))房"
        return Place(district: district, subdistrict: subdistrict, address: address)
    }

    /// Business premises, e.g. 广州市天河区天河路88号1201室.
    func premises(in district: Int, _ random: inout CityRandom) -> Place {
        let profile = districts[district]
        let subdistrict = random.below(profile.subdistricts.count)
        let road = profile.roads[random.below(profile.roads.count)]
        let address = random.chance(0.35)
            ? "广州市\(profile.name)\(road)\(random.int(1...499))号首层\(random.int(1...20))号铺"
            : "广州市\(profile.name)\(road)\(random.int(1...499))号\(random.int(2...40))\(String(format2: random.int(1...20)))室"
        return Place(district: district, subdistrict: subdistrict, address: address)
    }

    /// A house in an urban village, e.g. 广州市白云区三元里街道松柏东街12巷5号.
    func villageHouse(in district: Int, _ random: inout CityRandom) -> Place {
        let profile = districts[district]
        let subdistrict = random.below(profile.subdistricts.count)
        let lanes = ["东街", "西街", "南约", "北约", "大街", "新村"]
        let address = "广州市\(profile.name)\(profile.subdistricts[subdistrict])\(PlaceDrawing.villageNames[random.below(PlaceDrawing.villageNames.count)])\(random.pick(lanes))\(random.int(1...40))巷\(random.int(1...60))号"
        return Place(district: district, subdistrict: subdistrict, address: address)
    }

    private static let villageNames = ["松柏", "瑶台", "棠下", "石牌", "冼村", "沙河", "龙洞", "萧岗", "大塘", "南村", "康乐", "鹭江"]
}

extension String {
    /// A number with at least two digits, e.g. `07`.
    init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : String(value)
    }

    /// A non-negative number left-padded with zeros to `width` digits.
    init(padded value: Int, width: Int) {
        let digits = String(value)
        self = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
