#include "core/SpecialFunctions.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <stdexcept>

using namespace gigatwin::core;

TEST_CASE("normal quantile inverts the normal cdf, tails included", "[special]") {
  // z_{0.975} and z_{1e-10} from mpmath (30 digits).
  CHECK(normal_quantile(0.975) == Approx(1.9599639845400542).epsilon(1e-14));
  CHECK(normal_quantile(0.025) == Approx(-1.9599639845400542).epsilon(1e-14));
  CHECK(normal_quantile(1e-10) == Approx(-6.3613409024040562).epsilon(1e-12));
  CHECK(normal_quantile(0.5) == 0.0);
  for (double p : {1e-300, 1e-20, 0.001, 0.02425, 0.3, 0.7, 0.999})
    CHECK(normal_cdf(normal_quantile(p)) == Approx(p).epsilon(1e-13));
  CHECK(std::isinf(normal_quantile(0.0)));
  CHECK_THROWS_AS(normal_quantile(1.5), std::invalid_argument);
}

TEST_CASE("regularized incomplete gamma and beta against closed forms", "[special]") {
  // P(1, x) = 1 - e^-x; P(1/2, x) = erf(sqrt(x)) — both branches (series below a+1, fraction above).
  for (double x : {0.1, 1.0, 1.9, 2.5, 10.0, 40.0}) {
    CHECK(regularized_gamma_p(1.0, x) == Approx(-std::expm1(-x)).epsilon(1e-13));
    CHECK(regularized_gamma_p(0.5, x) == Approx(std::erf(std::sqrt(x))).epsilon(1e-13));
  }
  CHECK(regularized_gamma_p(3.0, 0.0) == 0.0);
  // I_x(2,3) = sum_{j=2..4} C(4,j) x^j (1-x)^(4-j); at 0.3: 0.2646 + 0.0756 + 0.0081 = 0.3483.
  CHECK(regularized_beta(2.0, 3.0, 0.3) == Approx(0.3483).epsilon(1e-13));
  // Symmetry I_x(a,b) = 1 - I_{1-x}(b,a) across the branch switch.
  CHECK(regularized_beta(2.5, 7.0, 0.6) == Approx(1 - regularized_beta(7.0, 2.5, 0.4)).epsilon(1e-13));
  CHECK(regularized_beta(1.0, 1.0, 0.37) == Approx(0.37).epsilon(1e-14)); // uniform
}

TEST_CASE("Student t tail and density against the Cauchy case", "[special]") {
  // dof 1 is the Cauchy law: P(T > 1) = 1/4, density 1/(pi (1 + t^2)).
  CHECK(student_t_upper_tail(1.0, 1.0) == Approx(0.25).epsilon(1e-14));
  CHECK(student_t_upper_tail(-1.0, 1.0) == Approx(0.75).epsilon(1e-14));
  CHECK(student_t_pdf(2.0, 1.0) == Approx(1 / (std::numbers::pi * 5)).epsilon(1e-13));
  CHECK(student_t_upper_tail(0.0, 7.3) == Approx(0.5).epsilon(1e-14));
}
