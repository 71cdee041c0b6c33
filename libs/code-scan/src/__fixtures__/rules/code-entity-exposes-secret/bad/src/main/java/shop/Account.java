package shop;

@Entity
public class Account {
  private String email;
  private String passwordHash; // expect-finding
}
