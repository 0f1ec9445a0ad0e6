// Durations and rates with units; expected values are the unit definitions (1 min = 60 s,
// 1 h = 3600 s, 1 d = 86400 s, 1 w = 7 d) applied by hand.
#include "scenario/Units.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace gigatwin::scenario;

TEST_CASE("durations convert every unit to seconds", "[units]") {
  CHECK(parse_duration("250ms") == 0.25);
  CHECK(parse_duration("90s") == 90.0);
  CHECK(parse_duration("1.5min") == 90.0); // 1.5 x 60
  CHECK(parse_duration("8h") == 28800.0);  // 8 x 3600
  CHECK(parse_duration("30d") == 2592000.0);
  CHECK(parse_duration("2w") == 1209600.0); // 2 x 7 x 86400
  CHECK(parse_duration("45 s") == 45.0);    // a space between number and unit is allowed
  CHECK(parse_duration("1e3s") == 1000.0);
  CHECK(parse_duration("+5s") == 5.0);
  CHECK(parse_duration("0s") == 0.0);
  // The sign is the caller's business: the loader refuses it where the schema says >= 0.
  CHECK(parse_duration("-5s") == -5.0);
}

TEST_CASE("rates convert to events per second", "[units]") {
  // 120 per hour is one every 30 s: both sides are the correctly rounded value of 1/30.
  CHECK(parse_rate("120/h") == 1.0 / 30.0);
  CHECK(parse_rate("0.5/s") == 0.5);
  CHECK(parse_rate("3/d") == 3.0 / 86400.0);
  CHECK(parse_rate("0.8/min") == 0.8 / 60.0);
  CHECK(parse_rate("30 / h") == 30.0 / 3600.0);
}

TEST_CASE("durations and rates without a valid unit are refused with a reason", "[units]") {
  CHECK_THROWS_WITH(parse_duration("45"), Catch::Contains("missing unit"));
  CHECK_THROWS_WITH(parse_duration("45x"), Catch::Contains("unknown unit 'x'"));
  CHECK_THROWS_WITH(parse_duration("45sec"), Catch::Contains("did you mean 's'?"));
  CHECK_THROWS_WITH(parse_duration("5H"), Catch::Contains("unknown unit 'H'")); // units are case-sensitive
  CHECK_THROWS_WITH(parse_duration("abc"), Catch::Contains("does not start with a number"));
  CHECK_THROWS_WITH(parse_duration(""), Catch::Contains("empty"));
  CHECK_THROWS_WITH(parse_duration("nans"), Catch::Contains("finite"));
  CHECK_THROWS_WITH(parse_duration("infh"), Catch::Contains("finite"));
  CHECK_THROWS_WITH(parse_duration("1e400s"), Catch::Contains("out of range"));
  CHECK_THROWS_AS(parse_duration("1e308w"), std::invalid_argument); // finite, but not in seconds
  CHECK_THROWS_WITH(parse_rate("120"), Catch::Contains("missing unit"));
  CHECK_THROWS_WITH(parse_rate("120h"), Catch::Contains("number/unit"));
  CHECK_THROWS_WITH(parse_rate("120/"), Catch::Contains("missing unit"));
  CHECK_THROWS_WITH(parse_rate("120/hour"), Catch::Contains("unknown unit 'hour'"));
}

TEST_CASE("plain numbers must match completely", "[units]") {
  CHECK(parse_number("0.25") == 0.25);
  CHECK(parse_number(" 2 ") == 2.0);
  CHECK_THROWS_AS(parse_number("2s"), std::invalid_argument);
  CHECK_THROWS_AS(parse_number("1.5.2"), std::invalid_argument);
  CHECK_THROWS_AS(parse_number("nan"), std::invalid_argument);
  CHECK_THROWS_AS(parse_number(".inf"), std::invalid_argument);
  CHECK_THROWS_AS(parse_number(""), std::invalid_argument);
}
