namespace SupportPlatform.Benchmarks.ThreeYears;

/// <summary>What happens to one inquiry, decided from the generator's seed and the inquiry's number alone,
/// so a resumed run makes the same platform as an uninterrupted one.</summary>
internal sealed record InquiryPlan(
    int Number,
    string Email,
    string Company,
    string Summary,
    string Details,
    bool Attachment,
    int? Assignee,
    int Notes,
    int Replies,
    bool Closed,
    bool LegalHold)
{
    // 0-6 replies: most inquiries take one or two answers, a few a long thread.
    private static readonly double[] ReplyWeights = [0.12, 0.42, 0.24, 0.11, 0.06, 0.03, 0.02];

    public static InquiryPlan For(int seed, int number, bool recent)
    {
        var random = new Random(Seeds.Mix(seed, number, 0));
        var replies = Pick(random, ReplyWeights);
        var (summary, details) = KoreanInquiries.Write(random);
        return new InquiryPlan(
            number,
            Email: $"customer{number}@{KoreanInquiries.Domain(random)}",
            Company: KoreanInquiries.Company(random),
            summary,
            details,
            Attachment: random.NextDouble() < 0.10,
            Assignee: random.NextDouble() < 0.85 ? random.Next(Agents.Count) : null,
            Notes: random.NextDouble() < 0.30 ? 1 + random.Next(2) : 0,
            replies,
            // The last fortnight is still being worked; older answered inquiries are mostly closed.
            Closed: replies > 0 && random.NextDouble() < (recent ? 0.35 : 0.92),
            LegalHold: random.NextDouble() < 0.002);
    }

    /// <summary>The desk's agents; an assignment names one of them.</summary>
    public static readonly IReadOnlyList<(Guid Id, string Name)> Agents =
    [
        .. new[] { "김민준", "이서연", "박지훈", "최수아", "정도윤", "강하은", "조현우", "윤지민", "장예준", "임채원", "한승민", "오유진" }
            .Select((name, i) => (new Guid($"00000000-0000-4000-8000-{i + 1:D12}"), name)),
    ];

    private static int Pick(Random random, double[] weights)
    {
        var roll = random.NextDouble();
        for (var i = 0; i < weights.Length; i++)
        {
            if ((roll -= weights[i]) < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}

/// <summary>
/// What a customer does in the Lounge's inquiry form before filing (or instead of it), decided from the
/// seed and the number alone: types the summary, pausing once midway or not, so the form asks for
/// recommendations once or twice; may open the best one; a deflected visitor marks it "도움이 되었나요? 예"
/// and files nothing. The session id is the Lounge's anonymous one (16 random bytes, base64url).
/// </summary>
internal sealed record LoungeVisit(string SessionId, bool PausesMidway, bool Opens, bool? Helpful)
{
    /// <summary>Of the visitors who type a summary, the share an article answers, who never file: realistic for a self-service form.</summary>
    public const double DeflectedShare = 0.20;

    /// <summary>
    /// Whether a visitor an article answers comes beside the customer who files inquiry <paramref name="number"/>:
    /// one in four, so they are <see cref="DeflectedShare"/> of all visitors on days of any size.
    /// </summary>
    public static bool DeflectedOneBeside(int seed, int number) =>
        new Random(Seeds.Mix(seed, number, 3)).NextDouble() < DeflectedShare / (1 - DeflectedShare);

    public static LoungeVisit For(int seed, int number, bool deflected)
    {
        var random = new Random(Seeds.Mix(seed, number, 1));
        var session = new byte[16];
        random.NextBytes(session);
        var pausesMidway = random.NextDouble() < 0.40;
        if (deflected)
        {
            return new LoungeVisit(System.Buffers.Text.Base64Url.EncodeToString(session), pausesMidway, Opens: true, Helpful: true);
        }

        // Some who file read an article first; a few of those say it did not help.
        var opens = random.NextDouble() < 0.30;
        return new LoungeVisit(System.Buffers.Text.Base64Url.EncodeToString(session), pausesMidway, opens, opens && random.NextDouble() < 0.15 ? false : null);
    }

    /// <summary>The texts the form asks about as the summary is typed: its first half (to a word's end) at the pause, then the whole.</summary>
    public IEnumerable<string> Typed(string summary)
    {
        var space = summary.IndexOf(' ', summary.Length / 2);
        if (PausesMidway && space > 0)
        {
            yield return summary[..space];
        }

        yield return summary;
    }
}

/// <summary>Seeds for <see cref="Random"/> from the run's seed and a number: the same in every process (<see cref="HashCode"/> is not).</summary>
internal static class Seeds
{
    public static int Mix(int seed, int number, int stream) => unchecked((seed * 73_856_093) ^ (number * 19_349_663) ^ (stream * 83_492_791));
}

/// <summary>Korean inquiries as customers of a mail-security vendor write them: product, symptom, particulars, a request.</summary>
internal static class KoreanInquiries
{
    private static readonly string[] Products = ["TMSe 스팸서버", "TMW 메일와처", "TMSe 7.2", "TMSe 클라우드", "TMW 아카이빙"];

    private static readonly (string Summary, string Symptom)[] Topics =
    [
        ("대량 메일 발송 차단 문의", "어제부터 대량 메일 발송이 차단되고 있습니다. 모니터링 로그에 `시간당 접속 횟수 제한`과 `RBL` 차단 사유가 보입니다."),
        ("정상 메일이 스팸으로 분류됩니다", "거래처에서 보내는 견적서 메일이 계속 스팸함으로 들어갑니다. 발신 도메인을 화이트리스트에 넣었는데도 같습니다."),
        ("SMTP 550 오류 반송", "특정 도메인으로 보내면 `550 5.7.1 Relaying denied` 반송 메일이 옵니다."),
        ("라이선스 갱신 후 관리자 페이지 접속 불가", "라이선스 파일을 교체한 뒤 관리자 페이지가 열리지 않고 흰 화면만 나옵니다."),
        ("첨부파일 차단 정책 문의", "압축 파일 안의 실행 파일을 차단하고 싶은데 정책 설정 위치를 모르겠습니다."),
        ("메일 수신 지연", "오전 9시 전후로 외부 메일 수신이 20~30분씩 늦어집니다. 큐에 메일이 쌓여 있습니다."),
        ("랜섬웨어 의심 메일 신고", "직원이 송장 PDF로 위장한 메일을 열었습니다. 같은 발신자의 메일을 일괄 삭제할 수 있을까요?"),
        ("DKIM 서명 설정 방법", "DKIM 서명을 켜려고 하는데 DNS에 등록할 공개키를 어디서 확인하는지 알려 주세요."),
        ("메일 아카이빙 검색 결과 누락", "작년 3월 메일을 검색하면 일부만 나옵니다. 색인을 다시 만들어야 하나요?"),
        ("SPF 검사 실패", "우리 회사 메일이 상대 서버에서 `SPF fail`로 거부된다고 합니다."),
        ("관리자 계정 잠김", "비밀번호를 여러 번 틀려 관리자 계정이 잠겼습니다. 해제 방법을 알려 주세요."),
        ("업데이트 후 필터 엔진 오류", "패턴 업데이트 후 `engine timeout` 경고가 반복되고 CPU 사용률이 90%까지 올라갑니다."),
    ];

    private static readonly string[] Requests =
    [
        "설정 방법을 알려 주세요.", "원격 지원이 가능한지 문의드립니다.", "원인과 조치 방법을 안내 부탁드립니다.",
        "급한 건이라 오늘 중으로 답변 부탁드립니다.", "관련 문서가 있으면 보내 주세요.",
    ];

    private static readonly string[] CompanyStems = ["한빛", "다우", "세진", "미래", "대한", "누리", "푸른", "한결", "새봄", "동행", "서울", "가온"];

    private static readonly string[] CompanyKinds = ["테크", "정보통신", "물산", "시스템", "네트웍스", "솔루션", "산업", "전자"];

    private static readonly string[] Domains = ["hanbit-tech.co.kr", "dauinfo.co.kr", "sejin.kr", "mirae-sys.com", "nuri-net.co.kr", "example.co.kr"];

    public static string Company(Random random) =>
        $"{CompanyStems[random.Next(CompanyStems.Length)]}{CompanyKinds[random.Next(CompanyKinds.Length)]} 주식회사";

    public static string Domain(Random random) => Domains[random.Next(Domains.Length)];

    public static (string Summary, string Details) Write(Random random)
    {
        var (summary, symptom) = Topics[random.Next(Topics.Length)];
        var product = Products[random.Next(Products.Length)];
        var details = $"""
            안녕하세요. {product}를 사용 중인 고객사 담당자입니다.
            {symptom}

            - 서버 IP: 203.0.113.{random.Next(1, 255)}
            - 제품 버전: {7 + random.Next(2)}.{random.Next(10)}
            - 사용자 수: 약 {random.Next(1, 40) * 50}명

            {Requests[random.Next(Requests.Length)]}
            """;
        return (summary, details);
    }

    public static string Reply(Random random, int turn) => turn switch
    {
        0 => "안녕하세요, 고객님. 문의하신 내용 확인했습니다. **관리자 페이지 > 정책 > 발송 제한**에서 해당 IP를 예외로 등록해 주세요.",
        1 => "추가로 요청하신 로그를 검토했습니다. 패턴 업데이트 이후 설정이 초기화된 것으로 보여 다시 적용하는 방법을 안내드립니다.",
        _ => $"{turn + 1}차 답변입니다. 원격 지원으로 조치를 완료했습니다. 같은 증상이 다시 나타나면 회신 부탁드립니다.",
    };

    public static string Note(Random random) =>
        random.Next(3) switch
        {
            0 => "같은 증상 지난주에도 접수됨. 패턴 업데이트 영향 의심.",
            1 => "고객사 담당자와 통화함. 내일 오전 원격 지원 예정.",
            _ => "기술지원팀 확인 필요. 로그 요청함.",
        };

    /// <summary>A small log file, as customers attach them (the upload checks content, not names).</summary>
    public static byte[] LogFile(Random random)
    {
        var lines = Enumerable.Range(0, 20 + random.Next(60)).Select(i =>
            $"2026-03-{1 + (i % 28):D2} 09:{i % 60:D2}:{random.Next(60):D2} smtpd[{1000 + random.Next(9000)}]: reject: RCPT from unknown[203.0.113.{random.Next(1, 255)}]: 550 5.7.1 Relaying denied");
        return System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
    }
}
