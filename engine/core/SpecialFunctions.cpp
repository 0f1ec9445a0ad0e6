#include "core/SpecialFunctions.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>

// Boost.Math does the numerics (its incomplete gamma and beta, normal and Student t are
// accurate to a few ulp, tails included); this file keeps the project's contract — argument
// checks that throw std::invalid_argument, and the infinite ends returned, not raised.
namespace gigatwin::core {

double normal_cdf(double z) {
  if (std::isnan(z))
    return z;
  if (std::isinf(z))
    return z > 0 ? 1.0 : 0.0;
  return boost::math::cdf(boost::math::normal(), z);
}

double normal_quantile(double p) {
  if (!(p >= 0.0 && p <= 1.0))
    throw std::invalid_argument("normal_quantile: p must be in [0,1]");
  if (p == 0.0)
    return -std::numeric_limits<double>::infinity();
  if (p == 1.0)
    return std::numeric_limits<double>::infinity();
  return boost::math::quantile(boost::math::normal(), p);
}

double regularized_gamma_p(double a, double x) {
  if (!(a > 0.0) || !(x >= 0.0))
    throw std::invalid_argument("regularized_gamma_p: need a > 0 and x >= 0");
  if (std::isinf(x))
    return 1.0;
  return boost::math::gamma_p(a, x);
}

double regularized_beta(double a, double b, double x) {
  if (!(a > 0.0) || !(b > 0.0) || !(x >= 0.0 && x <= 1.0))
    throw std::invalid_argument("regularized_beta: need a, b > 0 and x in [0,1]");
  return boost::math::ibeta(a, b, x);
}

double student_t_upper_tail(double t, double dof) {
  if (!(dof > 0.0) || std::isnan(t))
    throw std::invalid_argument("student_t_upper_tail: need dof > 0 and a number t");
  if (std::isinf(t))
    return t > 0 ? 0.0 : 1.0;
  return boost::math::cdf(boost::math::complement(boost::math::students_t(dof), t));
}

double student_t_pdf(double t, double dof) {
  if (!(dof > 0.0))
    throw std::invalid_argument("student_t_pdf: need dof > 0");
  if (std::isinf(t))
    return 0.0;
  return boost::math::pdf(boost::math::students_t(dof), t);
}

} // namespace gigatwin::core
