#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/common/crypto.h"
#include "services/common/errors.h"
#include "services/common/principal.h"
#include "services/common/status_macros.h"
#include "services/common/unit_of_work.h"
#include "services/common/validation.h"
#include "tests/support/fakes.h"
#include "tests/support/status_matchers.h"

namespace cft {
namespace {

using ::cft::testing::IsOk;
using ::cft::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(Crypto, Sha256MatchesFips180Vector) {
  // FIPS 180-2, Appendix B.1: SHA-256("abc").
  EXPECT_EQ(HexEncode(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, HmacSha256MatchesRfc4231TestCase2) {
  EXPECT_EQ(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Crypto, Base64UrlIsUnpaddedAndUrlSafe) {
  // RFC 4648 section 10 vectors, URL alphabet, no padding.
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64UrlEncode(std::string("\xfb\xff", 2)), "-_8");
}

TEST(Crypto, RandomStringUsesOnlyTheAlphabet) {
  const std::string s = RandomString(200, "AB");
  EXPECT_EQ(s.size(), 200u);
  EXPECT_EQ(s.find_first_not_of("AB"), std::string::npos);
  EXPECT_NE(s.find('A'), std::string::npos);
  EXPECT_NE(s.find('B'), std::string::npos);
}

TEST(Crypto, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

TEST(Validation, NormalizeEmailLowercasesAndTrims) {
  EXPECT_EQ(NormalizeEmail("  Alex.Morgan@Clinic.NHS.uk \n"), "alex.morgan@clinic.nhs.uk");
}

TEST(Validation, NormalizeEmailDropsInvisibleCharactersAndWidensNothing) {
  // Zero-width space, zero-width joiner, soft hyphen and a byte-order mark vanish.
  EXPECT_EQ(NormalizeEmail("a\u200bl\u200de\u00adx\ufeff@x.org"), "alex@x.org");
  // Full-width letters and signs become ASCII (then lower-case).
  EXPECT_EQ(NormalizeEmail("\uff21\uff4c\uff45\uff58\uff20x.org"), "alex@x.org");
  // Accented letters are kept as typed (the database's collation compares them).
  EXPECT_EQ(NormalizeEmail("\u00c9lodie@X.org"), "\u00c9lodie@x.org");
}

TEST(Validation, EmailRulesNameTheField) {
  EXPECT_THAT(ValidateEmail("email", "a@b.org"), IsOk());
  EXPECT_THAT(ValidateEmail("email", ""), StatusIs(absl::StatusCode::kInvalidArgument, "email: is required"));
  for (const char* bad : {"nobody", "@b.org", "a@b", "a@.org", "a@b.", "a b@c.org", "a@@b.org", "a@b..org"}) {
    EXPECT_THAT(ValidateEmail("contact_email", bad),
                StatusIs(absl::StatusCode::kInvalidArgument, StartsWith("contact_email: ")))
        << bad;
  }
  EXPECT_THAT(ValidateEmail("email", std::string(250, 'a') + "@b.org"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("at most 254")));
}

TEST(Validation, TextLengthCountsCodePointsNotBytes) {
  // "Zoë" is 3 code points, 4 bytes.
  EXPECT_THAT(ValidateText("name", "Zoë", 1, 3), IsOk());
  EXPECT_THAT(ValidateText("name", "Zoë!", 1, 3),
              StatusIs(absl::StatusCode::kInvalidArgument, "name: must be at most 3 characters"));
  EXPECT_THAT(ValidateText("name", "   ", 1, 10),
              StatusIs(absl::StatusCode::kInvalidArgument, "name: is required"));
  EXPECT_THAT(ValidateText("name", "a\x01z", 1, 10),
              StatusIs(absl::StatusCode::kInvalidArgument, "name: must not contain control characters"));
  EXPECT_THAT(ValidateText("note", "line one\nline two", 1, 100, /*multiline=*/true), IsOk());
  EXPECT_THAT(ValidateText("name", "line one\nline two", 1, 100),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(Roles, NamesRoundTrip) {
  for (Role r : {Role::kAdmin, Role::kClinician, Role::kParticipant}) {
    EXPECT_EQ(RoleFromName(RoleName(r)), r);
  }
  EXPECT_EQ(RoleFromName("root"), std::nullopt);
}

absl::StatusOr<int> Half(int x) {
  if (x % 2 != 0) return absl::InvalidArgumentError("odd");
  return x / 2;
}

absl::StatusOr<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int h, Half(x));
  ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

absl::Status CheckEven(int x) {
  RETURN_IF_ERROR(Half(x).status());
  RETURN_IF_ERROR([&] {
    RETURN_IF_ERROR(Half(x / 2).status());
    return absl::OkStatus();
  }());
  return absl::OkStatus();
}

TEST(StatusMacros, PropagateTheFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_THAT(Quarter(6), StatusIs(absl::StatusCode::kInvalidArgument, "odd"));
  EXPECT_THAT(CheckEven(8), IsOk());
  EXPECT_THAT(CheckEven(6), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(Errors, AnnotateKeepsTheCode) {
  EXPECT_THAT(Annotate(absl::NotFoundError("x"), "loading cohort"),
              StatusIs(absl::StatusCode::kNotFound, "loading cohort: x"));
  EXPECT_THAT(Annotate(absl::OkStatus(), "anything"), IsOk());
}

TEST(UnitOfWork, CommitHooksRunOnlyOnCommit) {
  testing::FakeTransactionRunner tx;
  int committed = 0;
  EXPECT_THAT(tx.Run([&](UnitOfWork& uow) {
    uow.OnCommit([&] { ++committed; });
    return absl::AbortedError("conflict");
  }),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(committed, 0);
  EXPECT_THAT(tx.Run([&](UnitOfWork& uow) {
    uow.OnCommit([&] { ++committed; });
    return absl::OkStatus();
  }),
              IsOk());
  EXPECT_EQ(committed, 1);
}

TEST(UnitOfWork, InTransactionReturnsTheValue) {
  testing::FakeTransactionRunner tx;
  absl::StatusOr<std::string> v =
      InTransaction(tx, [](UnitOfWork&) -> absl::StatusOr<std::string> { return std::string("x"); });
  ASSERT_THAT(v, IsOk());
  EXPECT_EQ(*v, "x");
  absl::StatusOr<int> e =
      InTransaction(tx, [](UnitOfWork&) -> absl::StatusOr<int> { return absl::NotFoundError("gone"); });
  EXPECT_THAT(e, StatusIs(absl::StatusCode::kNotFound, "gone"));
}

}  // namespace
}  // namespace cft
