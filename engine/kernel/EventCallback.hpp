#pragma once
// EventCallback: what a hot-path event does when it fires — a callable stored in place, with
// no allocation and nothing to destroy. Why not std::function: a plant fires millions of events
// a simulated week, and each std::function is moved into the calendar, out of it and destroyed
// through calls a compiler cannot see through; this one is copied as bytes and called through
// one pointer. What it does not hold: a callable bigger than 32 bytes or one that is not
// trivially copyable (a std::string, a vector, a shared_ptr by value) — keep such things in the
// object the callback points to. Refused at compile time.

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace gigatwin::kernel {

class EventCallback {
public:
  static constexpr std::size_t capacity = 32; // bytes: `this` and three more pointers or numbers

  EventCallback() = default;
  template <class F>
    requires(!std::is_same_v<std::remove_cvref_t<F>, EventCallback> && std::is_invocable_r_v<void, F&>)
  EventCallback(F&& fn) { // NOLINT: implicit, so that a lambda passes as it is
    using Fn = std::remove_cvref_t<F>;
    static_assert(sizeof(Fn) <= capacity,
                  "an event's callback captures at most 32 bytes: keep bigger state in the object it points to");
    static_assert(std::is_trivially_copyable_v<Fn> && std::is_trivially_destructible_v<Fn>,
                  "an event's callback captures only pointers, references and numbers (copied as bytes)");
    static_assert(alignof(Fn) <= alignof(void*));
    ::new (static_cast<void*>(storage_)) Fn(std::forward<F>(fn));
    invoke_ = [](void* stored) { (*std::launder(static_cast<Fn*>(stored)))(); };
  }

  void operator()() { invoke_(storage_); }
  explicit operator bool() const { return invoke_ != nullptr; }

private:
  alignas(void*) unsigned char storage_[capacity] = {};
  void (*invoke_)(void*) = nullptr;
};

} // namespace gigatwin::kernel
