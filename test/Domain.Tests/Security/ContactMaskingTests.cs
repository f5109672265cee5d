using BillForU.Domain.Customers;
using BillForU.Domain.Security;

namespace BillForU.Domain.Tests.Security;

public class ContactMaskingTests
{
    [Theory]
    [InlineData("test@test.com", "te****@test.com")]
    [InlineData("a@b.kr", "a****@b.kr")]
    [InlineData("user123456@billforu.test", "us****@billforu.test")]
    [InlineData("not-an-email", "****")]
    [InlineData("", "")]
    public void Email_keeps_two_characters_and_the_domain(string email, string masked) =>
        Assert.Equal(masked, ContactMasking.MaskEmail(email));

    [Theory]
    [InlineData("010-1234-5678", "010-****-5678")]
    [InlineData("01012345678", "010-****-5678")]
    [InlineData("+82 10 1234 5678", "821-****-5678")]
    [InlineData("12345", "****")]
    public void Phone_keeps_the_prefix_and_last_four_digits(string phone, string masked) =>
        Assert.Equal(masked, ContactMasking.MaskPhone(phone));

    [Theory]
    [InlineData(Channel.Email, "test@test.com", "te****@test.com")]
    [InlineData(Channel.Sms, "010-1234-5678", "010-****-5678")]
    [InlineData(Channel.Push, "1042", "1042")]
    public void A_channel_address_is_masked_as_its_kind_of_contact(Channel channel, string address, string masked) =>
        Assert.Equal(masked, ContactMasking.MaskFor(channel, address));
}
