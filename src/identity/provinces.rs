//! Provincial-level division codes (GB/T 2260, first two digits).

/// Provincial-level divisions by their two-digit GB/T 2260 code, in code order.
///
/// Mainland provinces, autonomous regions and municipalities (11–65), Taiwan (71),
/// Hong Kong (81) and Macao (82). The code 83 (Taiwan residents' residence permits)
/// is an address code of the permit, not a division, and is not listed.
///
/// ```
/// assert_eq!(peixun::identity::PROVINCES.len(), 34);
/// assert_eq!(peixun::identity::PROVINCES[0], ("11", "北京市"));
/// ```
pub const PROVINCES: &[(&str, &str)] = &[
    ("11", "北京市"),
    ("12", "天津市"),
    ("13", "河北省"),
    ("14", "山西省"),
    ("15", "内蒙古自治区"),
    ("21", "辽宁省"),
    ("22", "吉林省"),
    ("23", "黑龙江省"),
    ("31", "上海市"),
    ("32", "江苏省"),
    ("33", "浙江省"),
    ("34", "安徽省"),
    ("35", "福建省"),
    ("36", "江西省"),
    ("37", "山东省"),
    ("41", "河南省"),
    ("42", "湖北省"),
    ("43", "湖南省"),
    ("44", "广东省"),
    ("45", "广西壮族自治区"),
    ("46", "海南省"),
    ("50", "重庆市"),
    ("51", "四川省"),
    ("52", "贵州省"),
    ("53", "云南省"),
    ("54", "西藏自治区"),
    ("61", "陕西省"),
    ("62", "甘肃省"),
    ("63", "青海省"),
    ("64", "宁夏回族自治区"),
    ("65", "新疆维吾尔自治区"),
    ("71", "台湾省"),
    ("81", "香港特别行政区"),
    ("82", "澳门特别行政区"),
];

/// The name of the provincial-level division with this two-digit code, if known.
///
/// ```
/// use peixun::identity::province_name;
/// assert_eq!(province_name("21"), Some("辽宁省"));
/// assert_eq!(province_name("99"), None);
/// ```
pub fn province_name(code: &str) -> Option<&'static str> {
    PROVINCES
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .map(|i| PROVINCES[i].1)
}

/// English names of the provincial-level divisions, in the order of [`PROVINCES`].
const ENGLISH: &[&str] = &[
    "Beijing",
    "Tianjin",
    "Hebei",
    "Shanxi",
    "Inner Mongolia",
    "Liaoning",
    "Jilin",
    "Heilongjiang",
    "Shanghai",
    "Jiangsu",
    "Zhejiang",
    "Anhui",
    "Fujian",
    "Jiangxi",
    "Shandong",
    "Henan",
    "Hubei",
    "Hunan",
    "Guangdong",
    "Guangxi",
    "Hainan",
    "Chongqing",
    "Sichuan",
    "Guizhou",
    "Yunnan",
    "Tibet",
    "Shaanxi",
    "Gansu",
    "Qinghai",
    "Ningxia",
    "Xinjiang",
    "Taiwan",
    "Hong Kong",
    "Macao",
];

/// The English name of the provincial-level division with this code, if known.
///
/// ```
/// assert_eq!(peixun::identity::province_name_en("21"), Some("Liaoning"));
/// assert_eq!(peixun::identity::province_name_en("61"), Some("Shaanxi"));
/// ```
pub fn province_name_en(code: &str) -> Option<&'static str> {
    PROVINCES
        .binary_search_by(|(c, _)| (*c).cmp(code))
        .ok()
        .and_then(|i| ENGLISH.get(i).copied())
}
