namespace SupportPlatform.Knowledge.Searching;

/// <summary>
/// Verb and adjective endings normalised to the stem, by rule rather than by a list of inflected
/// words: connective and final endings are taken off, the past-tense ㅆ is dropped from its
/// syllable, the nominal ㅁ too, and a contracted vowel is opened back up (혀 → 히, 해 → 하, 돼 → 되,
/// 와 → 오, 줘 → 주; nouns such as 피해 get the same cut on both sides). So 나가요, 나갔더라고요, 나가는데 and 나감 all become 나가; 막혀요, 막혔어요 and
/// 막히는 become 막히. Documents and queries go through the same rules, so an over-eager cut on a
/// noun costs nothing: both sides make the same cut. Pure.
/// </summary>
public static class KoreanMorphology
{
    private const int HangulBase = 0xAC00;
    private const int MedialCount = 21;
    private const int FinalCount = 28;

    // Final consonant indexes (종성).
    private const int FinalNone = 0;
    private const int FinalN = 4;    // ㄴ
    private const int FinalL = 8;    // ㄹ
    private const int FinalM = 16;   // ㅁ
    private const int FinalB = 17;   // ㅂ
    private const int FinalSs = 20;  // ㅆ

    // Medial vowel indexes (중성).
    private const int VowelA = 0;    // ㅏ
    private const int VowelAe = 1;   // ㅐ
    private const int VowelEo = 4;   // ㅓ
    private const int VowelYeo = 6;  // ㅕ
    private const int VowelO = 8;    // ㅗ
    private const int VowelWa = 9;   // ㅘ
    private const int VowelWae = 10; // ㅙ
    private const int VowelOe = 11;  // ㅚ
    private const int VowelU = 13;   // ㅜ
    private const int VowelWo = 14;  // ㅝ
    private const int VowelI = 20;   // ㅣ

    private const int InitialH = 18; // ㅎ
    private const int InitialIeung = 11; // ㅇ
    private const int InitialD = 3;  // ㄷ

    /// <summary>Endings that follow a verb stem (after particles are gone), longest first; at least one syllable of stem is kept.</summary>
    private static readonly string[] VerbEndings =
    [
        "더라고요", "더라구요", "으려는데", "던데요", "는데요", "거든요", "잖아요", "더라고", "더라구", "습니다", "습니까", "ㅂ니다",
        "려는데", "으려면", "으려고", "으라고", "ㄹ까",
        "더라", "던데", "는데", "거든", "잖아", "지만", "면서", "니까", "어서", "아서", "어도", "아도", "어야", "아야",
        "려면", "려고", "는지", "은지", "인지", "도록", "려",
        "네요", "어요", "아요", "여요", "지요", "고요", "구요", "나요", "까요", "세요", "셨", "시",
        "는", "고", "서", "면", "죠", "네", "요", "다", "지", "게",
    ];

    /// <summary>
    /// The stem of one Korean word. <paramref name="word"/> should already be without particles;
    /// an ending is only taken off when two syllables remain.
    /// </summary>
    public static string Stem(string word)
    {
        if (word.Length < 2 || !word.All(KoreanText.IsHangulSyllable))
        {
            return word;
        }

        var stem = word;
        for (var round = 0; round < 3; round++)
        {
            var before = stem;
            stem = StripEnding(stem);
            // 었어/았어/였어: the 어 or 아 after a past-tense syllable is part of the ending.
            if (stem.Length >= 2 && stem[^1] is '어' or '아' && Final(stem[^2]) == FinalSs)
            {
                stem = stem[..^1];
            }

            if (stem.Length >= 2 && Final(stem[^1]) == FinalSs)
            {
                stem = stem[..^1] + WithFinal(stem[^1], FinalNone);
            }

            if (stem == before)
            {
                break;
            }
        }

        // The nominal ㅁ (나감, 막힘) only after a syllable a verb stem ends in.
        if (stem.Length >= 2 && Final(stem[^1]) == FinalM && IsOpenVerbSyllable(WithFinal(stem[^1], FinalNone)))
        {
            stem = stem[..^1] + WithFinal(stem[^1], FinalNone);
        }

        // The adnominal ㄴ (막힌, 사라진, 보낸) after the syllables passive, causative and 지다 stems end in.
        if (stem.Length >= 2 && Final(stem[^1]) == FinalN && AdnominalStemEnds.Contains(WithFinal(stem[^1], FinalNone)))
        {
            stem = stem[..^1] + WithFinal(stem[^1], FinalNone);
        }

        return WithoutDerivation(Uncontract(stem));
    }

    private static readonly HashSet<char> AdnominalStemEnds = ['지', '히', '기', '리', '되', '내'];

    /// <summary>
    /// A noun made a verb (허용하, 차단되, 통과시키) means the noun, when two syllables of it are left: the
    /// customer who asks "허용해 준" and the article that says "허용" mean one thing.
    /// </summary>
    private static string WithoutDerivation(string stem)
    {
        foreach (var suffix in DerivingSuffixes)
        {
            if (stem.Length - suffix.Length >= 2 && stem.EndsWith(suffix, StringComparison.Ordinal))
            {
                return stem[..^suffix.Length];
            }
        }

        // Plural 들 (직원들, 문서들) after a noun.
        return stem.Length >= 3 && stem[^1] == '들' ? stem[..^1] : stem;
    }

    private static readonly string[] DerivingSuffixes = ["시키", "하", "되"];

    private static string StripEnding(string word)
    {
        foreach (var ending in VerbEndings)
        {
            if (ending == "ㄹ까")
            {
                // ㄹ까 after a vowel stem: 퍼질까 → 퍼지.
                if (word.Length >= 3 && word[^1] == '까' && Final(word[^2]) == FinalL)
                {
                    return word[..^2] + WithFinal(word[^2], FinalNone);
                }

                continue;
            }

            if (ending[0] == 'ㅂ')
            {
                // ㅂ니다 after a vowel stem: 나갑니다 → 나가.
                if (word.Length >= 4 && word.EndsWith("니다", StringComparison.Ordinal) && Final(word[^3]) == FinalB)
                {
                    return word[..^3] + WithFinal(word[^3], FinalNone);
                }

                continue;
            }

            if (word.Length - ending.Length >= 2 && word.EndsWith(ending, StringComparison.Ordinal))
            {
                return word[..^ending.Length];
            }
        }

        return word;
    }

    /// <summary>Opens a contracted last vowel: 혀/려/켜 → 히/리/키, 해 → 하, 돼 → 되, 와/봐 → 오/보, 줘 → 주.</summary>
    private static string Uncontract(string stem)
    {
        var last = stem[^1];
        if (Final(last) != FinalNone)
        {
            return stem;
        }

        var (initial, medial) = (Initial(last), Medial(last));
        var opened = medial switch
        {
            VowelYeo when initial != InitialIeung => Compose(initial, VowelI),
            VowelAe when initial == InitialH => Compose(initial, VowelA),
            VowelWae when initial == InitialD => Compose(initial, VowelOe),
            VowelWa => Compose(initial, VowelO),
            VowelWo => Compose(initial, VowelU),
            _ => last,
        };
        return stem[..^1] + opened;
    }

    /// <summary>Vowels a verb stem commonly ends in before ㅁ (가, 히, 되, 오, 주, 서); 스팸 and 시스템 (ㅐ, ㅔ) keep their ㅁ.</summary>
    private static bool IsOpenVerbSyllable(char syllable) =>
        Medial(syllable) is VowelA or VowelI or VowelOe or VowelO or VowelU or VowelEo;

    private static int Index(char syllable) => syllable - HangulBase;

    private static int Initial(char syllable) => Index(syllable) / (MedialCount * FinalCount);

    private static int Medial(char syllable) => Index(syllable) % (MedialCount * FinalCount) / FinalCount;

    private static int Final(char syllable) => KoreanText.IsHangulSyllable(syllable) ? Index(syllable) % FinalCount : -1;

    private static char WithFinal(char syllable, int final) => (char)(syllable - Final(syllable) + final);

    private static char Compose(int initial, int medial) => (char)(HangulBase + (initial * MedialCount + medial) * FinalCount);
}
