//! Personal names in bylines and photo credits. Chinese bylines print names
//! without punctuation, separated by spaces, sometimes behind a role word
//! (`本报记者`, `通讯员`); two-character names are often padded to three
//! columns (`李 旨`). A name is believed when it begins with a known surname.

use super::text::is_han;

/// Common single-character surnames (the few hundred that cover nearly every
/// byline). Words that mostly begin headlines (国, 全, 新, 大 …) are left out.
const SURNAMES: &str = "赖洪王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦卢麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜阚花权帅屠豆朴盖练廉禹井祖漆巴丰支卿狄计索宣晋相初门云容敬扈晁芮普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由";

const COMPOUND_SURNAMES: [&str; 16] = [
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "端木",
];

/// Role words that stand before a name in a byline or credit.
pub const ROLES: [&str; 12] = [
    "本报特约记者",
    "本报见习记者",
    "本报通讯员",
    "本报记者",
    "特约记者",
    "见习记者",
    "实习记者",
    "特约撰稿",
    "通讯员",
    "实习生",
    "记者",
    "摄影",
];

fn is_surname(c: char) -> bool {
    SURNAMES.contains(c)
}

/// Whether `token` reads as a Chinese personal name: two to four Han
/// characters beginning with a surname (four only with a compound surname or
/// a double surname, as in married names).
pub fn is_personal_name(token: &str) -> bool {
    let chars: Vec<char> = token.chars().collect();
    if !(2..=4).contains(&chars.len()) || !chars.iter().all(|&c| is_han(c)) {
        return false;
    }
    let compound = COMPOUND_SURNAMES.iter().any(|s| token.starts_with(s));
    match chars.len() {
        4 => compound || (is_surname(chars[0]) && is_surname(chars[1])),
        _ => compound || is_surname(chars[0]),
    }
}

/// Removes a leading role word, returning what follows it.
pub fn strip_role(token: &str) -> &str {
    ROLES
        .iter()
        .find_map(|r| token.strip_prefix(r))
        .unwrap_or(token)
}

/// Splits byline text into name tokens: role words removed, and runs of
/// single characters (`李 旨`) put back together.
pub fn name_tokens(text: &str) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    let mut pending_single = false;
    for raw in text.split_whitespace() {
        let token = strip_role(raw);
        if token.is_empty() {
            pending_single = false;
            continue;
        }
        let single = token.chars().count() == 1;
        match tokens.last_mut() {
            Some(last) if single && pending_single => last.push_str(token),
            _ => tokens.push(token.to_string()),
        }
        pending_single = single && tokens.last().is_some_and(|t| t.chars().count() == 1);
    }
    tokens
}

/// How a line of names reads.
#[derive(Debug, PartialEq, Eq)]
pub struct NameLine {
    /// The tokens that read as personal names, in order.
    pub names: Vec<String>,
    /// Whether every token reads as a personal name.
    pub all_personal: bool,
    /// Whether the line began with a role word.
    pub has_role: bool,
    /// How many tokens the line has.
    pub tokens: usize,
}

/// Reads a line that may hold only names (an author line). `None` when any
/// token is not a short run of Han characters.
pub fn read_name_line(line: &str) -> Option<NameLine> {
    let line = line.trim();
    // Eight names of four characters with role words fit in far less.
    if line.len() > 120 {
        return None;
    }
    let has_role = ROLES.iter().any(|r| line.starts_with(r));
    let tokens = name_tokens(line);
    if tokens.is_empty() || tokens.len() > 8 {
        return None;
    }
    if !tokens
        .iter()
        .all(|t| (2..=4).contains(&t.chars().count()) && t.chars().all(is_han))
    {
        return None;
    }
    let names: Vec<String> = tokens
        .iter()
        .filter(|t| is_personal_name(t))
        .cloned()
        .collect();
    let all_personal = names.len() == tokens.len();
    Some(NameLine {
        names,
        all_personal,
        has_role,
        tokens: tokens.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_names() {
        for name in ["王艳琼", "谢焯", "戚祥浩", "欧阳明月", "陈王亿"] {
            assert!(is_personal_name(name), "{name}");
        }
        for word in ["永检", "民生工程", "建设忙", "王者归来", "DXC"] {
            assert!(!is_personal_name(word), "{word}");
        }
    }

    #[test]
    fn padded_two_character_names_are_rejoined() {
        assert_eq!(name_tokens("本报记者 李 旨"), vec!["李旨"]);
        assert_eq!(
            name_tokens("李智勇 徐 阳 罗阳奇"),
            vec!["李智勇", "徐阳", "罗阳奇"]
        );
    }

    #[test]
    fn author_lines() {
        let l = read_name_line("王艳琼 夏郑兰").unwrap();
        assert_eq!(l.names, vec!["王艳琼", "夏郑兰"]);
        assert!(l.all_personal);
        let l = read_name_line("永检 戚祥浩").unwrap();
        assert_eq!(l.names, vec!["戚祥浩"]);
        assert!(!l.all_personal);
        assert!(read_name_line("民生工程 建设忙").unwrap().names.is_empty());
        assert!(read_name_line("万名党员干部 “进网入格”").is_none());
        assert!(read_name_line("本报记者 李 旨").unwrap().has_role);
    }
}
