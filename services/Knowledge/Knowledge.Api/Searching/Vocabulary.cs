namespace SupportPlatform.Knowledge.Searching;

/// <summary>
/// The small hand-made tables of the analyser: general Korean grammar, and the loan-word spellings
/// and English terms of mail security. They were written by the author of eval-hard.tsv with its
/// queries in view, and some entries spell what only those queries type ("스펨", from a held-out
/// query), so the held-out half is no blind test of them (docs/search-quality.md).
/// </summary>
public static class Vocabulary
{
    /// <summary>Spellings unified inside any Korean word (so "컨텐츠필터를" becomes "콘텐츠필터를" before stemming).</summary>
    public static readonly (string Variant, string Canonical)[] KoreanSpellings =
    [
        ("컨텐", "콘텐"),
        ("컨텐트", "콘텐츠"),
        ("이메일", "메일"),
        ("전자메일", "메일"),
        ("스펨", "스팸"),
        ("블럭", "차단"),
        ("블록", "차단"),
        ("바운스", "반송"),
        ("리턴메일", "반송메일"),
        ("전송", "발송"),
        ("패스워드", "비밀번호"),
        ("화이트리스트", "화이트"),
        ("블랙리스트", "블랙"),
        ("수퍼화이트", "슈퍼화이트"),
        ("로긴", "로그인"),
        ("랜섬웨워", "랜섬웨어"),
        ("멀웨어", "악성코드"),
        ("악성메일", "스팸메일"),
    ];

    /// <summary>Whole Korean words with another usual form.</summary>
    public static readonly Dictionary<string, string> KoreanWords = new(StringComparer.Ordinal)
    {
        ["아이피"] = "ip",
        ["랜섬"] = "랜섬웨어",
        ["보내"] = "발송",
        ["보낸"] = "발송",
        ["받는사람"] = "수신자",
        ["수취인"] = "수신자",
        ["수신인"] = "수신자",
        ["발신자"] = "송신자",
        ["발신인"] = "송신자",
        ["보낸사람"] = "송신자",
        ["거부"] = "차단",
        ["막히"] = "차단",
        ["예외처리"] = "예외",
    };

    /// <summary>English words customers mix in, with the Korean word the articles use.</summary>
    public static readonly Dictionary<string, string> LatinToKorean = new(StringComparer.Ordinal)
    {
        ["spam"] = "스팸",
        ["mail"] = "메일",
        ["email"] = "메일",
        ["ransomware"] = "랜섬웨어",
        ["virus"] = "바이러스",
        ["filter"] = "필터",
        ["block"] = "차단",
        ["blocked"] = "차단",
        ["bounce"] = "반송",
        ["bounced"] = "반송",
        ["login"] = "로그인",
        ["password"] = "비밀번호",
        ["white"] = "화이트",
        ["whitelist"] = "화이트",
        ["superwhite"] = "슈퍼화이트",
        ["recipient"] = "수신자",
        ["sender"] = "송신자",
        ["send"] = "발송",
        ["sending"] = "발송",
        ["bulk"] = "대량",
        ["content"] = "콘텐츠",
        ["domain"] = "도메인",
        ["monitoring"] = "모니터링",
        ["log"] = "로그",
        ["policy"] = "정책",
        ["guide"] = "가이드",

        // The glossary of the product's own terms (issue 25): English lemmas of the articles' menu
        // names (승인자 정보 유지, SMTP 인증 해외 IP 차단, 시간당 접속 횟수 제한, 보안센터, 자동 로그인),
        // block reasons, SMTP terms and security-notice terms, each with the word the articles use.
        // Everyday English ("keep", "check", "list") stays out: it would tie unrelated text to a menu.
        // Lemmas, so "arrived", "arriving" and "arrives" all count.
        ["approve"] = "승인",
        ["approval"] = "승인",
        ["approver"] = "승인자",
        ["retention"] = "유지",
        ["server"] = "서버",
        ["prevent"] = "예방",
        ["prevention"] = "예방",
        ["account"] = "계정",
        ["compromise"] = "도용",
        ["hijack"] = "도용",
        ["hack"] = "도용",
        ["overseas"] = "해외",
        ["abroad"] = "해외",
        ["foreign"] = "해외",
        ["authentication"] = "인증",
        ["auth"] = "인증",
        ["country"] = "국가",
        ["allow"] = "허용",
        ["system"] = "시스템",
        ["external"] = "외부",
        ["newsletter"] = "뉴스레터",
        ["payroll"] = "급여",
        ["salary"] = "급여",
        ["connection"] = "접속",
        ["connect"] = "접속",
        ["limit"] = "제한",
        ["concurrent"] = "동시",
        ["simultaneous"] = "동시",
        ["hour"] = "시간당",
        ["hourly"] = "시간당",
        ["exception"] = "예외",
        ["partner"] = "거래처",
        ["daily"] = "일일",
        ["security"] = "보안",
        ["center"] = "센터",
        ["quarantine"] = "격리",
        ["automatic"] = "자동",
        ["automatically"] = "자동",
        ["mailbox"] = "메일함",
        ["inbox"] = "메일함",
        ["arrive"] = "도착",
        ["receive"] = "수신",
        ["attachment"] = "첨부파일",
        ["encrypt"] = "암호화",
        ["infect"] = "감염",
        ["infection"] = "감염",
        ["vaccine"] = "백신",
        ["antivirus"] = "백신",
        ["backup"] = "백업",
        ["suspicious"] = "의심",
        ["mass"] = "대량",
        ["error"] = "오류",
        ["message"] = "메시지",
        ["reject"] = "차단",
        ["refuse"] = "차단",
        ["deny"] = "차단",
        ["setting"] = "설정",
        ["configure"] = "설정",
        ["configuration"] = "설정",
        ["administrator"] = "관리자",
        ["admin"] = "관리자",
        ["permission"] = "권한",
        ["inquiry"] = "문의",
        ["ticket"] = "문의",
        ["lounge"] = "라운지",
        ["consent"] = "동의",
        ["privacy"] = "개인정보",
    };

    /// <summary>Particles and verb endings, stripped once from the end of a Korean word.</summary>
    public static readonly HashSet<string> Endings = new(StringComparer.Ordinal)
    {
        // particles
        "으로부터", "에서부터", "에서는", "에서도", "으로는", "으로도", "에게서", "이라도", "이라고", "이라는",
        "까지는", "부터는", "에서", "에게", "한테", "으로", "까지", "부터", "처럼", "보다", "이랑", "이나",
        "이며", "이고", "에는", "에도", "와는", "과는", "로는", "라고", "라는", "께서", "마다",
        "이", "가", "은", "는", "을", "를", "에", "의", "도", "만", "로", "와", "과", "랑", "요",
        // verb and adjective endings (하다/되다 and friends)
        "되었습니다", "했습니다", "됐습니다", "하였습니다", "되었어요", "했는데요", "됐는데요",
        "합니다", "됩니다", "입니다", "습니다", "하나요", "되나요", "인가요", "한가요", "할까요", "될까요",
        "했는데", "됐는데", "되는데", "하는데", "했어요", "됐어요", "하세요", "되어요", "되지않", "하지않",
        "나요", "가요", "해요", "돼요", "되요", "해서", "돼서", "되서", "하고", "되고", "하는", "되는",
        "하면", "되면", "는데", "하지", "되지", "않음", "안됨", "하기", "되기", "했다", "됐다", "하다", "되다",
        "하려", "되려", "시키", "중인", "되어서", "하여서", "되어", "하여", "되었", "하였", "해야", "돼야", "되야",
        "됨", "함", "할", "될", "한", "된", "시", "중",
        // the same endings as typed in a hurry (되/돼 and ㅆ slips)
        "됬어요", "됬습니다", "됬는데", "되요", "됬다", "됬", "햇어요", "햇는데", "됨요",
    };

    public static readonly int LongestEnding = Endings.Max(ending => ending.Length);

    /// <summary>Words whose last syllable only looks like a particle or ending ("통과", "권한", "추가"): never stripped, also inside compounds.</summary>
    private static readonly HashSet<string> ProtectedEndings = new(StringComparer.Ordinal)
    {
        "문의", "동의", "회의", "주의", "정의", "통과", "초과", "결과", "효과", "한도", "속도", "필요", "중요", "시도",
        "표시", "동시", "제한", "권한", "기한", "추가", "증가", "평가", "포함", "역할", "차이", "길이", "높이", "하나",
    };

    /// <summary>All protected endings are two syllables, so one lookup decides.</summary>
    public static bool IsProtected(string word) => word.Length >= 2 && ProtectedEndings.Contains(word[^2..]);

    /// <summary>Question and filler words that say nothing about the topic.</summary>
    public static readonly HashSet<string> KoreanStopWords = new(StringComparer.Ordinal)
    {
        "어떻게", "무엇", "뭔가", "뭐", "왜", "좀", "안", "못", "어디", "언제", "있나요", "없나요", "있어요", "없어요",
        "있습니다", "없습니다", "하나요", "되나요", "합니다", "됩니다", "입니다", "해요", "돼요", "궁금", "궁금합니다",
        "문의드립니다", "부탁드립니다", "안됨", "안돼", "안되", "안돼요", "안되요", "않음", "않아", "않아요", "않습니다", "않고", "계속", "자꾸", "감사합니다", "안녕하세요", "그리고", "그런데", "혹시", "제가", "저희",
        // Politeness and small talk of long summaries: they say how, never what.
        "안녕하십니까", "수고", "수고하십니다", "수고많으십니다", "많으십니다", "바쁘신데", "바쁘실", "죄송합니다", "다름이", "아니라", "아니오라",
        "알려", "알려주세요", "알려주시면", "주세요", "주시면", "부탁", "부탁드려요", "감사", "감사드립니다", "감사하겠습니다", "감사드려요",
        "싶습니다", "싶어요", "싶은데", "여쭙니다", "여쭤봅니다", "있을까요", "있는지", "가능한지", "궁금해요", "문의", "드립니다", "드려요", "좋겠습니다",
        "항상", "늘", "정말", "너무", "그냥", "요즘", "최근", "오늘", "어제", "이번에", "처음", "관련", "관련해서", "해서요", "하는데요", "같습니다", "같아요", "것", "건지",
    };

    public static readonly HashSet<string> LatinStopWords = new(StringComparer.Ordinal)
    {
        "the", "an", "is", "are", "was", "to", "of", "in", "on", "for", "your", "my", "it", "be", "with", "and", "or",
        "you", "this", "that", "can", "how", "do", "does", "please", "what", "why",
    };
}
