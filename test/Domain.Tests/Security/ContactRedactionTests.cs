using BillForU.Domain.Security;

namespace BillForU.Domain.Tests.Security;

public class ContactRedactionTests
{
    [Theory]
    [InlineData("550 5.1.1 <user12@billforu.test>: mailbox unavailable", "550 5.1.1 <us****@billforu.test>: mailbox unavailable")]
    [InlineData("sms to 010-1234-5678 failed", "sms to 010-****-5678 failed")]
    [InlineData("sms to 01012345678 failed", "sms to 010-****-5678 failed")]
    [InlineData("a@b.kr and 011 234 5678", "a****@b.kr and 011-****-5678")]
    public void Contacts_anywhere_in_a_line_are_masked(string line, string redacted) =>
        Assert.Equal(redacted, ContactRedaction.Redact(line));

    [Theory]
    [InlineData("bill 20261000000000012 settled in 12.5 s")]
    [InlineData("already masked: te****@test.com 010-****-1234")]
    [InlineData("")]
    public void Lines_without_contacts_are_left_alone(string line) =>
        Assert.Equal(line, ContactRedaction.Redact(line));
}
