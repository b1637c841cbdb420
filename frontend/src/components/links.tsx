/** Mantine's Anchor, Button and NavLink as typed router links (TanStack `createLink`). */
import {
  Anchor,
  type AnchorProps,
  Button,
  type ButtonProps,
  NavLink,
  type NavLinkProps,
} from "@mantine/core";
import { createLink } from "@tanstack/react-router";
import { type AnchorHTMLAttributes, forwardRef } from "react";

type A = AnchorHTMLAttributes<HTMLAnchorElement>;

const AnchorBase = forwardRef<HTMLAnchorElement, AnchorProps & A>((props, ref) => (
  <Anchor component="a" ref={ref} {...props} />
));
const ButtonBase = forwardRef<HTMLAnchorElement, ButtonProps & Omit<A, "color">>((props, ref) => (
  <Button component="a" ref={ref} {...props} />
));
const NavLinkBase = forwardRef<HTMLAnchorElement, NavLinkProps & Omit<A, "color" | "style">>((props, ref) => (
  <NavLink component="a" ref={ref} {...props} />
));

export const AnchorLink = createLink(AnchorBase);
export const ButtonLink = createLink(ButtonBase);
export const NavLinkLink = createLink(NavLinkBase);
