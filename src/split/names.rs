//! Personal names in bylines and photo credits. Chinese bylines print names
//! without punctuation, separated by spaces, sometimes behind a role word
//! (`本报记者`, `通讯员`); two-character names are often padded to three
//! columns (`李 旨`). A name is believed when it begins with a known surname.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::text::{after_last_sentence, ends_sentence, is_han, opens_with, re};

/// Common single-character surnames (the few hundred that cover nearly every
/// byline), then rare ones that begin no common word (郄, 郗, 隗 …). Words
/// that mostly begin headlines (国, 全, 新, 大 …) are left out.
const SURNAMES: &str = "赖洪王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦卢麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜阚花权帅屠豆朴盖练廉禹井祖漆巴丰支卿狄计索宣晋相初门云容敬扈晁芮普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由竺郄郗酆贲宓隗钭訾逄厍乜蒯璩郦濮庾殳夔郏邴荀闾笪郇眭缑";

/// The surnames of [`SURNAMES`] whose traditional form differs, as pages
/// of Hong Kong, Macao and Taiwan and of the 1950s print them.
const TRADITIONAL_SURNAMES: &str = "劉陳張楊黃趙吳孫馬鄭謝許韓馮鄧葉蘇呂盧鍾鐘譚陸賈鄒閆閻顧龔錢嚴湯龐顏莊聶魯歐關蘭紀畢單駱藍鮑華饒繆簡車項蘆麥婁竇黨費衛應閔鄔邊師欒叢鞏鄺樂儲勞諶藺樓滿聞厲區闞帥練計闕烏賓諸銀羅蕭蔣韋龍賀萬溫齊喬寧塗陽時農連宮榮遲談盤權蓋豐門雲況鮮戰陰堯閉賴";

const COMPOUND_SURNAMES: [&str; 16] = [
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "端木",
];

/// Role words that stand before a name in a byline or credit.
pub const ROLES: [&str; 16] = [
    "本报特约记者",
    "本报特派记者",
    "本报见习记者",
    "本报通讯员",
    "本报记者",
    "特约记者",
    "特派记者",
    "见习记者",
    "实习记者",
    "特约撰稿人",
    "特约撰稿",
    "通讯员",
    "实习生",
    "记者",
    "读者",
    "摄影",
];

/// [`SURNAMES`] and [`TRADITIONAL_SURNAMES`] sorted, so that a character is looked up by halving
/// instead of searched for along the whole list.
static SORTED_SURNAMES: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut surnames: Vec<char> = SURNAMES
        .chars()
        .chain(TRADITIONAL_SURNAMES.chars())
        .collect();
    surnames.sort_unstable();
    surnames
});

fn is_surname(c: char) -> bool {
    SORTED_SURNAMES.binary_search(&c).is_ok()
}

/// Whether `token` reads as a Chinese personal name: two to four Han
/// characters beginning with a surname (four only with a compound surname or
/// a double surname, as in married names).
pub fn is_personal_name(token: &str) -> bool {
    let mut chars = token.chars();
    let (Some(first), Some(second)) = (chars.next(), chars.next()) else {
        return false;
    };
    let len = 2 + chars.count();
    if len > 4 || !token.chars().all(is_han) {
        return false;
    }
    let compound = COMPOUND_SURNAMES.iter().any(|s| token.starts_with(s));
    match len {
        4 => compound || (is_surname(first) && is_surname(second)),
        _ => compound || is_surname(first),
    }
}

/// Removes a leading role word, returning what follows it.
pub fn strip_role(token: &str) -> &str {
    &token[role_len(token)..]
}

/// Length in bytes of the role word a token opens with: one of `ROLES`, or
/// a reporter's role behind the paper or agency they work for
/// (`光明日报记者`, `德州晚报全媒体记者`, `新华社记者`); 0 when none.
fn role_len(token: &str) -> usize {
    if let Some(role) = ROLES.iter().find(|r| opens_with(token, r)) {
        return role.len();
    }
    ["记者", "通讯员"]
        .iter()
        .find_map(|role| {
            // An employer is two Han characters or more: six bytes at least.
            if token.len() < 6 + role.len() {
                return None;
            }
            let at = find_word(token, role)?;
            // A rank may stand between the employer and the role.
            let employer = ["见习", "实习", "特约", "首席"]
                .iter()
                .find_map(|rank| token[..at].strip_suffix(rank))
                .unwrap_or(&token[..at]);
            (is_employer(employer) || is_posting(employer)).then_some(at + role.len())
        })
        .unwrap_or(0)
}

/// Where a correspondent is posted, behind their paper or not (`驻浙`,
/// `本报驻京`, `新华社驻柏林`).
fn is_posting(text: &str) -> bool {
    text.rfind('驻').is_some_and(|at| {
        let (employer, place) = (&text[..at], &text[at + '驻'.len_utf8()..]);
        (1..=4).contains(&place.chars().count())
            && place.chars().all(is_han)
            && (employer.is_empty() || employer == "本报" || is_employer(employer))
    })
}

/// Where `word` first stands in `text`, as [`str::find`] answers, found by
/// comparing bytes where the word's first byte stands: cheaper on a short
/// token than a search set up anew. A match found in the bytes starts at a
/// character's start, since the word opens with one.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let (text, word) = (text.as_bytes(), word.as_bytes());
    let first = *word.first()?;
    let last_start = text.len().checked_sub(word.len())?;
    (0..=last_start).find(|&at| text[at] == first && text[at..at + word.len()] == *word)
}

/// The paper, agency or station a reporter works for (`光明日报`,
/// `德州晚报全媒体`, `新华社`, `武汉晚报`, `洛阳日报报业集团全媒体`,
/// `新华每日电讯`), or a periodical (`《解放军画报》`).
pub fn is_employer(name: &str) -> bool {
    // A periodical is named in title marks (`《解放军画报》`).
    if let Some(title) = name.strip_prefix('《').and_then(|n| n.strip_suffix('》')) {
        return (2..=14).contains(&title.chars().count()) && title.chars().all(is_han);
    }
    // A media group names its brands joined by a middle dot (`新天水·天水日报`).
    (2..=16).contains(&name.chars().count())
        && name
            .split(['·', '・'])
            .all(|part| !part.is_empty() && part.chars().all(is_han))
        && (name.ends_with(['报', '社', '台', '网'])
            || name.ends_with("媒体")
            || name.ends_with("电讯")
            // An app (`望潮客户端`), a newsroom (`县融媒体中心`).
            || name.ends_with("客户端")
            || name.ends_with("中心"))
}

/// Posts a writer signs with before the name (`…车间支部书记 刘凤洲`).
const POSTS: [&str; 24] = [
    "书记",
    "主任",
    "厂长",
    "队长",
    "社长",
    "局长",
    "县长",
    "乡长",
    "村长",
    "校长",
    "院长",
    "经理",
    "主席",
    "委员",
    "代表",
    "工程师",
    "技术员",
    "社员",
    "工人",
    "教师",
    "战士",
    "组长",
    "站长",
    "场长",
];

/// The last words of a workplace's name (`…公社胜利大队`, `…机床厂`).
const WORKPLACES: [&str; 21] = [
    "大队",
    "公社",
    "生产队",
    "合作社",
    "厂",
    "矿",
    "车间",
    "学校",
    "中学",
    "小学",
    "大学",
    "学院",
    "医院",
    "公司",
    "委员会",
    "农场",
    "林场",
    "站",
    "研究所",
    "部队",
    "商店",
];

/// Whether `word` ends in one of `endings` (a post, a workplace's word).
fn ends_in(word: &str, endings: &[&str]) -> bool {
    endings.iter().any(|e| word.ends_with(e))
}

/// The writer's name under their workplace on a line of its own, a
/// byline too long for one line (`辽宁安东县前阳公社胜利大队` / `挂网沟生产
/// 队长 张德财`): the workplace is Han characters only and ends in a
/// workplace's word, the line under it a post and a name.
pub fn name_under_workplace(workplace: &str, post: &str) -> Option<String> {
    let workplace = (4..=24).contains(&workplace.chars().count())
        && workplace.chars().all(is_han)
        && ends_in(workplace, &WORKPLACES);
    workplace.then(|| post_byline(post)).flatten()
}

/// The writer's name after their workplace and post, a byline of older
/// papers, signed features and readers' letters (`中共沈阳变压器厂金工车间
/// 支部书记 刘凤洲`, `中共晋东南地委第一书记 赵军`, `河南渑池县外贸公司
/// 王柏长`): two parts, the first all Han and ending in a post or a
/// workplace, the second a personal name.
pub fn post_byline(line: &str) -> Option<String> {
    let mut parts = line.split_whitespace();
    let (post, name) = (parts.next()?, parts.next()?);
    let signed = parts.next().is_none()
        && (4..=24).contains(&post.chars().count())
        && post.chars().all(is_han)
        && (ends_in(post, &POSTS) || ends_in(post, &WORKPLACES))
        && is_personal_name(name);
    signed.then(|| name.to_string())
}

/// A byline in brackets closing a paragraph after its last sentence
/// (`…活动很热闹。（记者 周七）`, `…完成了。(朱冬娅)`), or standing alone
/// under it: where the bracket opens, and the names. A photo credit
/// (`（李四 摄）`) is not one. A bracketed line stays text, so a short
/// piece's one paragraph over it is not read as a caption. (The flowing
/// reading's `closing_byline` reads unbracketed names and sources too.)
pub fn bracketed_byline(paragraph: &str) -> Option<(usize, Vec<String>)> {
    let body = paragraph.strip_suffix([')', '）'])?;
    let open = body.rfind(['(', '（'])?;
    let inner = &body[open..];
    let inner = inner.trim_start_matches(['(', '（']);
    // The reporters may have taken the pictures too (`记者 X 文/摄`).
    let inner = WROTE_AND_PHOTOGRAPHED_TAIL.replace(inner, "");
    let before = &paragraph[..open];
    if !(before.is_empty() || ends_sentence(before)) {
        return None;
    }
    // A writer signing with a familiar name (`…荣誉。（小杰）`).
    if !before.is_empty() && is_familiar_name(&inner) {
        return Some((open, vec![inner.into_owned()]));
    }
    // A reader signs with place, name and trade (`（上海 徐平 退休教师）`).
    if let Some(name) = name_between_place_and_trade(&inner) {
        return Some((open, vec![name.to_string()]));
    }
    let line = read_name_line(&inner)?;
    (!line.names.is_empty() && (line.all_personal || line.has_role)).then_some((open, line.names))
}

/// The name in a reader's signature of place, name and trade or post
/// (`上海 徐平 退休教师`): three tokens of Han characters, the last ending in
/// a post.
fn name_between_place_and_trade(signature: &str) -> Option<&str> {
    let mut tokens = signature.split_whitespace();
    let (place, name, trade) = (tokens.next()?, tokens.next()?, tokens.next()?);
    let han =
        |t: &str, most: usize| (2..=most).contains(&t.chars().count()) && t.chars().all(is_han);
    let signed = tokens.next().is_none()
        && han(place, 6)
        && han(trade, 8)
        && ends_in(trade, &POSTS)
        && is_personal_name(name);
    signed.then_some(name)
}

/// A familiar name a writer may sign with: `小`, `老` or `阿` and one or
/// two Han characters (`小杰`, `老王`).
pub fn is_familiar_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some('小' | '老' | '阿'))
        && (1..=2).contains(&chars.clone().count())
        && chars.all(is_han)
}

/// Words an editor sets in brackets after a piece's text.
const EDITORIAL_MARKS: [&str; 8] = [
    "节选",
    "续完",
    "待续",
    "未完",
    "摘编",
    "删节",
    "有删节",
    "摘要",
];

/// A pen name a writer signs with in brackets on a line of its own under
/// the last sentence (`（存生）`, `（茶花）`): two or three Han characters
/// that are no mark of an editor's (`节选`), page (`二版`), place in a photo
/// (`左一`), part (`十一`), picture (`资料图`), role (`记者`) or outlet
/// (`新华社`). Under a headline such a line is its note (`（试行）`), so
/// only the line above tells.
pub fn pen_name(line: &str) -> Option<&str> {
    let inner = line.strip_prefix(['（', '('])?.strip_suffix(['）', ')'])?;
    is_pen_name(inner).then_some(inner)
}

/// Whether the words inside a bracket read as a pen name (see [`pen_name`]).
fn is_pen_name(inner: &str) -> bool {
    let count = inner.chars().count();
    let numeral = |c: char| "〇一二三四五六七八九十".contains(c);
    (2..=3).contains(&count)
        && inner.chars().all(is_han)
        && !inner.chars().all(numeral)
        && !inner.starts_with(['左', '右', '中', '前', '后', '上', '下'])
        && !inner.ends_with(['版', '图', '社', '报', '台', '网', '站', '刊', '讯'])
        && !EDITORIAL_MARKS.contains(&inner)
        && !ROLES.iter().any(|r| inner.contains(r))
}

static WROTE_AND_PHOTOGRAPHED_TAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"\s*(文\s*[/／]\s*[摄图]|图\s*[/／]\s*文)$"));

/// A byline set apart by a space after a paragraph's last sentence
/// (`…是企业的主力军。 读者 薛芳玲`): where the space opens, and the names.
/// Glued to the sentence, the tail would be the sentence's own words,
/// unless it is two or more names spaced apart (`…的行为。肖艳霞 叶少杰`),
/// which no sentence opens with.
pub fn spaced_closing_byline(paragraph: &str) -> Option<(usize, Vec<String>)> {
    let paragraph = paragraph.trim_end();
    let open = after_last_sentence(paragraph, &['。', '！', '？', '!', '?', '”'])?;
    let tail = &paragraph[open..];
    if tail.len() > 40 || !ends_sentence(&paragraph[..open]) {
        return None;
    }
    let line = read_name_line(tail.trim())?;
    let spaced = tail.starts_with(char::is_whitespace);
    let names_apart = line.all_personal && !line.has_role && line.names.len() >= 2;
    let signed = !line.names.is_empty() && (line.all_personal || line.has_role);
    (signed && (spaced || names_apart)).then_some((open, line.names))
}

/// Who signs a piece for an institution: its commentators or its desk.
const INSTITUTION_SIGNERS: [&str; 5] = ["评论员", "编辑部", "评论部", "通讯组", "报道组"];

/// A byline signed by institutions, with no personal name
/// (`本报评论员 新华社评论员`, `本报特约评论员`, `本报编辑部`, `中共X县委通讯组`),
/// or by a paper's or agency's reporters left unnamed (`福建日报记者`).
pub fn is_institution_signature(line: &str) -> bool {
    let mut tokens = line.split_whitespace().peekable();
    let signer = |who: &str| (1..=6).contains(&who.chars().count()) && who.chars().all(is_han);
    tokens.peek().is_some()
        && line.len() <= 60
        && tokens.all(|t| {
            let outlet_reporters = t
                .strip_suffix("记者")
                .is_some_and(|who| who.ends_with(['报', '社']) && signer(who));
            outlet_reporters
                || INSTITUTION_SIGNERS
                    .iter()
                    .filter_map(|s| t.strip_suffix(s))
                    .any(signer)
        })
}

/// A token of a byline: role words removed, and whether a role word stood
/// right before it.
#[derive(Debug, PartialEq, Eq)]
pub struct NameToken {
    pub text: String,
    pub after_role: bool,
}

impl NameToken {
    /// Whether the token reads as a personal name: by its surname, or, right
    /// behind a role word, by its shape alone, since the role vouches for it
    /// (a rare surname: `实习生 禤浩`; a transliterated name: `记者
    /// 阿依古丽·买买提`).
    pub fn is_name(&self) -> bool {
        is_personal_name(&self.text)
            || self.after_role
                && (is_vouched_name(&self.text) || is_transliterated_name(&self.text))
    }
}

/// Words that follow a role word in a byline without being a name.
const BYLINE_WORDS: [&str; 14] = [
    "报道", "摄影", "整理", "采写", "编译", "综合", "供图", "文图", "通讯", "发自", "手记", "专访",
    "观察", "调查",
];

/// Two or three Han characters: a name's shape, once a role vouches for it.
fn is_vouched_name(token: &str) -> bool {
    (2..=3).contains(&token.chars().count())
        && token.chars().all(is_han)
        && !BYLINE_WORDS.contains(&token)
        // A credit's verb glued on (`张彬摄`).
        && !token.ends_with(['摄', '图', '文'])
}

/// A name transliterated from another language: Han parts joined by a middle
/// dot (`阿依古丽·买买提`, `朗盖·措布涅·克莱芒`).
fn is_transliterated_name(token: &str) -> bool {
    let parts: Vec<&str> = token.split(NAME_DOTS).collect();
    (2..=4).contains(&parts.len())
        && token.chars().count() <= 16
        && parts
            .iter()
            .all(|p| (1..=6).contains(&p.chars().count()) && p.chars().all(is_han))
}

/// Middle dots printed inside transliterated names.
const NAME_DOTS: [char; 4] = ['·', '•', '・', '‧'];

/// Splits byline text into name tokens: role words removed, and runs of
/// single characters (`李 旨`) put back together.
pub fn name_tokens(text: &str) -> Vec<NameToken> {
    let mut tokens: Vec<NameToken> = Vec::new();
    let mut pending_single = false;
    let mut after_role = false;
    for raw in text.split_whitespace().flat_map(cut_before_glued_roles) {
        let role = role_len(raw);
        let token = &raw[role..];
        if token.is_empty() {
            pending_single = false;
            after_role = role > 0;
            continue;
        }
        let single = token.chars().count() == 1;
        // A run of names is vouched for by a role glued on too: a column
        // label (`记者手记`) never cuts into names.
        if after_role || role > 0 {
            if let Some(names) = names_run_together(token) {
                tokens.extend(names.into_iter().map(|name| NameToken {
                    text: name.to_string(),
                    after_role: true,
                }));
                after_role = false;
                pending_single = false;
                continue;
            }
        }
        match tokens.last_mut() {
            Some(last) if single && pending_single => last.text.push_str(token),
            // Only a role word standing apart vouches: glued on, it also
            // makes column labels (`记者手记`, `记者专访`).
            _ => tokens.push(NameToken {
                text: token.to_string(),
                after_role,
            }),
        }
        after_role = false;
        pending_single = single && tokens.last().is_some_and(|t| t.text.chars().count() == 1);
    }
    tokens
}

/// Role words that may follow a name with no space between them.
const GLUED_ROLES: [&str; 6] = [
    "通讯员",
    "记者",
    "实习生",
    "见习记者",
    "实习记者",
    "特约记者",
];

/// A token holding a name and, glued behind it, the next role word
/// (`记者赵优通讯员司玉`, `记者吕胜军见习记者刘亦雄`: a space lost at a line
/// wrap or squeezed out of a bracket) cut before each such role: `记者赵优`,
/// `通讯员司玉`. The part
/// before a role must read as a name (`新华社记者` is an employer's role).
fn cut_before_glued_roles(token: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(token);
    std::iter::from_fn(move || {
        let part = rest?;
        // Most tokens hold no role's first character after their own role.
        if !part.contains(['通', '记', '实', '见', '特']) {
            return rest.take();
        }
        let role = role_len(part);
        let cut = part[role..].char_indices().skip(2).find_map(|(at, _)| {
            let (name, after) = part[role..].split_at(at);
            let glued = GLUED_ROLES.iter().any(|r| after.starts_with(r));
            let named = glued
                && NameToken {
                    text: name.to_string(),
                    after_role: role > 0,
                }
                .is_name();
            named.then_some(role + at)
        });
        match cut {
            Some(at) => {
                rest = Some(&part[at..]);
                Some(&part[..at])
            }
            None => rest.take(),
        }
    })
}

/// Names printed with no space between them behind a role word
/// (`通讯员张鹏董冠男高梓健`) or before a photographer's verb: the one way
/// to cut the run into names of two or three characters that each begin
/// with a surname. `None` when the run is short enough to be one name, or
/// when no cut or more than one fits.
pub fn names_run_together(run: &str) -> Option<Vec<&str>> {
    let chars: Vec<(usize, char)> = run.char_indices().collect();
    if !(5..=12).contains(&chars.len()) || !chars.iter().all(|&(_, c)| is_han(c)) {
        return None;
    }
    // cuts[i]: the ways to cut the first i characters (0, 1, or "many").
    let mut ways = vec![0u8; chars.len() + 1];
    let mut last_name = vec![0usize; chars.len() + 1];
    ways[0] = 1;
    for end in 2..=chars.len() {
        for len in [2, 3] {
            let Some(start) = end.checked_sub(len) else {
                continue;
            };
            if ways[start] > 0 && is_surname(chars[start].1) {
                ways[end] = ways[end].saturating_add(ways[start]).min(2);
                last_name[end] = start;
            }
        }
    }
    if ways[chars.len()] != 1 {
        return None;
    }
    let byte = |i: usize| chars.get(i).map_or(run.len(), |&(at, _)| at);
    let mut names = Vec::new();
    let mut end = chars.len();
    while end > 0 {
        let start = last_name[end];
        names.push(&run[byte(start)..byte(end)]);
        end = start;
    }
    names.reverse();
    Some(names)
}

/// Symbols a page prints before a byline.
pub const BYLINE_SYMBOLS: [char; 8] = ['□', '■', '●', '◆', '▲', '★', '◎', '○'];

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
/// token is not a short run of Han characters or a transliterated name.
pub fn read_name_line(line: &str) -> Option<NameLine> {
    read_names(line, false)
}

/// Reads the names that follow a role word the caller has taken off
/// (`大学生科技报记者 何亮` → `何亮`): the first token is vouched for.
pub fn read_names_after_role(line: &str) -> Option<NameLine> {
    read_names(line, true)
}

fn read_names(line: &str, after_role: bool) -> Option<NameLine> {
    // A symbol may stand before a byline (`□ 本报记者 张守坤`).
    let line = line.trim().trim_start_matches(BYLINE_SYMBOLS).trim_start();
    let line = without_outlets_apart(line);
    // Eight names of four characters with role words fit in far less.
    if line.len() > 120 {
        return None;
    }
    let has_role = role_len(line) > 0;
    // Names may be listed with `、` behind a role (`记者张三、李四`); a bare
    // list so joined is also a sentence's enumeration (`永丰、修水、宁都等`).
    let line = if has_role && line.contains('、') {
        Cow::Owned(line.replace('、', " "))
    } else {
        Cow::Borrowed(line)
    };
    let mut tokens = name_tokens(&line);
    if tokens.is_empty() || tokens.len() > 8 {
        return None;
    }
    tokens[0].after_role |= after_role;
    if !tokens.iter().all(|t| {
        (2..=4).contains(&t.text.chars().count()) && t.text.chars().all(is_han)
            || is_transliterated_name(&t.text)
    }) {
        return None;
    }
    let named = tokens.iter().filter(|t| t.is_name()).count();
    // A few names printed apart on a line of their own vouch for one among
    // them with a rare surname (`任戈 王宗炳 丹红`), as a role word does; a
    // long list may be a sentence's wrapped line.
    let vouched = named >= 2 && named + 1 == tokens.len() && tokens.len() <= 4;
    let names: Vec<String> = tokens
        .iter()
        .filter(|t| t.is_name() || vouched && is_vouched_name(&t.text))
        .map(|t| t.text.clone())
        .collect();
    let all_personal = names.len() == tokens.len();
    Some(NameLine {
        names,
        all_personal,
        has_role,
        tokens: tokens.len(),
    })
}

/// A byline without the outlets named apart before the one the role is
/// glued to (`新安晚报 安徽网 大皖客户端记者 X` → `大皖客户端记者 X`): they
/// name no one.
fn without_outlets_apart(line: &str) -> &str {
    let mut rest = line;
    while let Some((first, after)) = rest.split_once(char::is_whitespace) {
        if !is_employer(first) {
            break;
        }
        rest = after.trim_start();
    }
    let role_next = rest
        .split_whitespace()
        .next()
        .is_some_and(|t| role_len(t) > 0);
    if role_next {
        rest
    } else {
        line
    }
}

/// The personal names in byline text, role words glued on or not, up to
/// `报道`, in lists joined by `、` or commas (`记者张锦芳、李拯宇`,
/// `本报记者 戴月`, `记者曾晨路 通讯员徐冬云报道`).
pub fn names_in(text: &str) -> Vec<String> {
    let text = text.replace(['、', '，', ',', '；'], " ");
    let text: Vec<&str> = text
        .split_whitespace()
        .map(|t| t.trim_end_matches("报道"))
        .collect();
    name_tokens(&text.join(" "))
        .into_iter()
        .filter(NameToken::is_name)
        .map(|t| t.text)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sorted_surnames_answer_as_the_list_does() {
        for c in ('\u{3400}'..='\u{9FFF}').chain(['A', '·', '𠀀']) {
            let listed = SURNAMES.contains(c) || TRADITIONAL_SURNAMES.contains(c);
            assert_eq!(is_surname(c), listed, "{c}");
        }
    }

    proptest::proptest! {
        /// The byte comparison finds a word where a search finds it.
        #[test]
        fn words_are_found_as_a_search_finds_them(text in "[记者通讯员报社王 a]{0,10}", word in "(记者|通讯员|a|者)") {
            proptest::prop_assert_eq!(find_word(&text, &word), text.find(word.as_str()));
        }
    }

    #[test]
    fn personal_names() {
        for name in [
            "王艳琼",
            "谢焯",
            "戚祥浩",
            "欧阳明月",
            "陈王亿",
            "萧关根",
            "郄磊",
            "隗合明",
        ] {
            assert!(is_personal_name(name), "{name}");
        }
        for word in ["永检", "民生工程", "建设忙", "王者归来", "DXC"] {
            assert!(!is_personal_name(word), "{word}");
        }
    }

    #[test]
    fn padded_two_character_names_are_rejoined() {
        let texts =
            |line| -> Vec<String> { name_tokens(line).into_iter().map(|t| t.text).collect() };
        assert_eq!(texts("本报记者 李 旨"), vec!["李旨"]);
        assert_eq!(
            texts("李智勇 徐 阳 罗阳奇"),
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

    #[test]
    fn names_printed_together_vouch_for_a_rare_surname_among_them() {
        let l = read_name_line("任戈 王宗炳 丹红").unwrap();
        assert_eq!(l.names, vec!["任戈", "王宗炳", "丹红"]);
        assert!(l.all_personal);
        // One known name vouches for no other; nor does a long list.
        assert!(!read_name_line("王宗炳 丹红").unwrap().all_personal);
        let list = read_name_line("王宗炳 李红 张明 陈亮 丹红").unwrap();
        assert!(!list.all_personal);
    }

    #[test]
    fn a_role_word_standing_apart_vouches_for_the_name_behind_it() {
        // Surnames not in the list, and a transliterated name.
        let l = read_name_line("记者 钟南 实习生 禤浩").unwrap();
        assert_eq!(l.names, vec!["钟南", "禤浩"]);
        let l = read_name_line("本报记者 阿依古丽·买买提").unwrap();
        assert_eq!(l.names, vec!["阿依古丽·买买提"]);
        assert_eq!(read_names_after_role("么辰").unwrap().names, vec!["么辰"]);
        // Without a role the surname decides; a glued role or a byline word
        // vouches for nothing.
        assert!(read_name_line("禤浩 么辰").unwrap().names.is_empty());
        assert!(names_in("记者手记").is_empty());
        assert!(read_name_line("记者 专访").unwrap().names.is_empty());
        assert!(read_names_after_role("禤浩摄").unwrap().names.is_empty());
        assert_eq!(names_in("记者禤浩、李拯宇报道"), vec!["李拯宇"]);
        assert_eq!(
            names_in("本报记者 禤浩、李拯宇报道"),
            vec!["禤浩", "李拯宇"]
        );
    }

    #[test]
    fn a_special_correspondent_is_a_reporter_s_role() {
        let l = read_name_line("特派记者 禤浩 曹阳 李伟").unwrap();
        assert_eq!(l.names, vec!["禤浩", "曹阳", "李伟"]);
        assert!(l.has_role);
        assert_eq!(names_in("本报特派记者 禤浩"), vec!["禤浩"]);
    }

    #[test]
    fn a_writer_signs_after_their_post() {
        assert_eq!(
            post_byline("中共沈阳变压器厂金工车间支部书记 刘凤洲").as_deref(),
            Some("刘凤洲")
        );
        assert_eq!(
            post_byline("中共晋东南地委第一书记 赵军").as_deref(),
            Some("赵军")
        );
        assert_eq!(
            post_byline("河南某某县外贸公司 王柏长").as_deref(),
            Some("王柏长")
        );
        assert!(post_byline("会议由县委书记 主持").is_none());
        assert!(post_byline("他是车间主任 刘凤洲说").is_none());
    }

    #[test]
    fn a_writer_signs_in_brackets_with_a_pen_name() {
        assert_eq!(pen_name("（存生）"), Some("存生"));
        assert_eq!(pen_name("(茶花)"), Some("茶花"));
        assert_eq!(pen_name("获金奖。（茶花）"), None);
        for mark in ["二版", "左一", "十一", "节选", "新华社", "资料图", "记者"] {
            assert!(!is_pen_name(mark), "{mark}");
        }
    }

    #[test]
    fn a_reader_signs_in_brackets_with_place_name_and_trade() {
        assert_eq!(
            bracketed_byline("到世界名著吗？（上海 徐平 退休教师）"),
            Some((21, vec!["徐平".to_string()]))
        );
        assert_eq!(
            bracketed_byline("（上海 徐平 退休教师）").map(|(_, n)| n),
            Some(vec!["徐平".to_string()])
        );
        // Three places are no signature.
        assert!(name_between_place_and_trade("上海 北京 广州").is_none());
    }

    #[test]
    fn a_workplace_over_a_post_is_the_bylines_first_line() {
        assert_eq!(
            name_under_workplace("辽宁某县某某公社胜利大队", "某某沟生产队长 张德财").as_deref(),
            Some("张德财")
        );
        assert!(name_under_workplace("沈阳变压器厂", "金工车间支部书记 刘凤洲").is_some());
        // A headline over the post, a workplace over no post.
        assert!(name_under_workplace("我改变了看法", "某某沟生产队长 张德财").is_none());
        assert!(name_under_workplace("沈阳变压器厂", "刘凤洲").is_none());
    }

    #[test]
    fn a_periodical_in_title_marks_employs_its_reporters() {
        assert!(is_employer("《解放军画报》"));
        let l = read_name_line("《人民画报》记者 禤浩").unwrap();
        assert_eq!(l.names, vec!["禤浩"]);
        assert!(l.has_role);
        assert!(!is_employer("《》"));
    }

    #[test]
    fn an_app_or_a_newsroom_employs_its_reporters() {
        let l = read_name_line("望潮客户端记者 徐颖晔").unwrap();
        assert_eq!(l.names, vec!["徐颖晔"]);
        assert!(l.has_role);
        assert!(read_name_line("县融媒体中心记者 王小明").unwrap().has_role);
        // The outlets may be named apart before the one the role is glued to.
        let l = read_name_line("某某晚报 某某网 某某客户端记者 王小明").unwrap();
        assert_eq!(l.names, vec!["王小明"]);
        assert!(l.all_personal && l.has_role);
    }

    #[test]
    fn a_role_glued_behind_a_name_opens_the_next_name() {
        assert_eq!(names_in("记者赵优通讯员司玉"), vec!["赵优", "司玉"]);
        assert_eq!(
            names_in("首席记者 吕胜军见习记者 刘亦雄"),
            vec!["吕胜军", "刘亦雄"]
        );
        assert_eq!(names_in("本报记者王小明实习生钟南"), vec!["王小明", "钟南"]);
        // An employer before the role is no name; a word that only ends in
        // a role is no byline.
        assert_eq!(names_in("新华社记者王小明"), vec!["王小明"]);
        assert!(names_in("跟随记者").is_empty());
    }

    #[test]
    fn names_run_together_behind_a_role_are_cut_where_only_one_cut_fits() {
        assert_eq!(
            names_in("记者夏晶通讯员张鹏董冠男高梓健"),
            vec!["夏晶", "张鹏", "董冠男", "高梓健"]
        );
        // Two cuts fit (张华 林王平, 张华林 王平): none is guessed.
        assert_eq!(names_run_together("张华林王平"), None);
        // A name and a word: no cut fits.
        assert_eq!(names_run_together("王小明采访"), None);
        // Without a role word, no run is cut.
        assert!(names_in("张鹏董冠男高梓健").is_empty());
    }

    #[test]
    fn reporters_behind_their_employer_and_a_symbol() {
        let l = read_name_line("光明日报记者 李 菲 刘瑞一").unwrap();
        assert_eq!(l.names, vec!["李菲", "刘瑞一"]);
        assert!(l.has_role && l.all_personal);
        assert_eq!(strip_role("德州晚报全媒体记者"), "");
        assert_eq!(strip_role("新华社记者王小明"), "王小明");
        assert_eq!(strip_role("驻浙记者蒋萍"), "蒋萍");
        assert_eq!(strip_role("本报驻京记者王小明"), "王小明");
        assert_eq!(strip_role("新华每日电讯记者宋常青"), "宋常青");
        assert_eq!(strip_role("洛阳日报报业集团全媒体见习记者"), "");
        // A word that only contains 记者 is no role.
        assert_eq!(strip_role("跟随记者"), "跟随记者");
        let l = read_name_line("□ 本报记者 张守坤").unwrap();
        assert_eq!(l.names, vec!["张守坤"]);
        let l = read_name_line("新华社记者栗建昌、吴书光、张武岳").unwrap();
        assert_eq!(l.names, vec!["栗建昌", "吴书光", "张武岳"]);
        assert!(read_name_line("永丰、修水、宁都等").is_none());
    }

    #[test]
    fn bylines_in_brackets() {
        assert_eq!(
            bracketed_byline("（记者 郑九）"),
            Some((0, vec!["郑九".to_string()]))
        );
        let text = "活动很热闹。（记者 周七）";
        let (at, names) = bracketed_byline(text).unwrap();
        assert_eq!(
            (&text[..at], names),
            ("活动很热闹。", vec!["周七".to_string()])
        );
        assert_eq!(
            bracketed_byline("事情办完了。(朱冬娅)").unwrap().1,
            vec!["朱冬娅"]
        );
        // Inside a sentence, or a credit, or not a name: no byline.
        assert!(bracketed_byline("负责人（李四）说").is_none());
        // A writer signing with a familiar name after the last sentence.
        assert_eq!(
            bracketed_byline("蝉联文化强县荣誉。（小杰）").unwrap().1,
            vec!["小杰"]
        );
        assert!(bracketed_byline("（小组赛）").is_none());
        assert!(bracketed_byline("他找到了负责人（李四）").is_none());
        assert!(bracketed_byline("图为现场。（李四 摄）").is_none());
        assert_eq!(
            bracketed_byline("近千起。(记者 兰超 通讯员 榕警 文/摄)")
                .unwrap()
                .1,
            vec!["兰超", "榕警"]
        );
        assert!(bracketed_byline("办法见附件。（试行）").is_none());
    }

    #[test]
    fn institution_signatures() {
        assert!(is_institution_signature("本报评论员 新华社评论员"));
        assert!(is_institution_signature("本报特约评论员"));
        assert!(is_institution_signature("本报编辑部"));
        assert!(is_institution_signature("中共将乐县委通讯组 福建日报记者"));
        assert!(is_institution_signature("新华社记者"));
        assert!(!is_institution_signature("记者"));
        assert!(!is_institution_signature("县委通讯组 记者张三"));
        assert!(!is_institution_signature("评论员们认为这是好事"));
        assert!(!is_institution_signature("王小明 评论员"));
    }

    #[test]
    fn a_byline_set_apart_after_the_last_sentence_closes_the_paragraph() {
        let text = "毕竟职工是企业的主力军。 读者 薛芳玲";
        let (at, names) = spaced_closing_byline(text).unwrap();
        assert_eq!(&text[..at], "毕竟职工是企业的主力军。");
        assert_eq!(names, vec!["薛芳玲"]);
        assert_eq!(
            spaced_closing_byline("工作做完了。 张三 李四").unwrap().1,
            vec!["张三", "李四"]
        );
        // Glued on, or words that are no names, it is the sentence's own,
        // unless it is names spaced apart.
        assert_eq!(
            spaced_closing_byline("毕竟职工是企业的主力军。读者薛芳玲"),
            None
        );
        assert_eq!(
            spaced_closing_byline("打击这种行为。肖艳霞 叶少杰")
                .unwrap()
                .1,
            vec!["肖艳霞", "叶少杰"]
        );
        assert_eq!(spaced_closing_byline("工作做完了。张三"), None);
        assert_eq!(spaced_closing_byline("工作做完了。 接下来怎么办"), None);
        assert_eq!(spaced_closing_byline("工作做完了。"), None);
    }
}
