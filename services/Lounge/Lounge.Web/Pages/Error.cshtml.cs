using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SupportPlatform.Lounge.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "문제가 발생했습니다";

    public string Message { get; private set; } = "잠시 후 다시 시도해 주세요.";

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        (Title, Message) = status switch
        {
            404 => ("페이지를 찾을 수 없습니다", "주소가 바뀌었거나 없는 페이지입니다. 문의 링크라면 메일에 있는 주소를 그대로 열어 주세요."),
            400 => ("요청을 처리할 수 없습니다", "페이지를 새로 고친 뒤 다시 시도해 주세요."),
            429 => ("요청이 너무 많습니다", "잠시 후 다시 시도해 주세요."),
            _ => (Title, Message),
        };
        if (status is int code and >= 400)
        {
            Response.StatusCode = code;
        }
    }
}
